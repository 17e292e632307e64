declare module 'virtual:vn-provinces' {
  const map: { type: 'FeatureCollection'; features: { id: string; properties: { code: string; name: string; nameEn: string } }[] };
  export default map;
}
