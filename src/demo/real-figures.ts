/** Marks a national figure taken from a seed article, as opposed to the synthetic data around it. */
export const REAL_LABEL = 'SỐ LIỆU THỰC';

const TB_4_VPCP = 'Thông báo 4/TB-VPCP (2026), kết luận Diễn đàn quốc gia phát triển KTS-XHS lần 3';
const BCD_24_9_2025 = 'Phiên họp Ban Chỉ đạo của Chính phủ về KHCN, ĐMST, CĐS và Đề án 06, 24/9/2025';
const FORUM_20_12_2025 = 'Diễn đàn quốc gia phát triển kinh tế số và xã hội số lần 3, 20/12/2025';
const DTI_DAY_2024 = 'Ngày Chuyển đổi số quốc gia 10/10/2024 (TTXVN)';

export interface RealFigure {
  indicator: string;
  period: string;
  value: number;
  source: string;
  /** The sentence of the article the figure comes from. */
  evidence: string;
}

const SIGNATURES_2025_08 = 22_300_000;
const SIGNATURE_ADULT_SHARE_2025_08 = 36.1;
/** Not printed in the articles; implied by "22,3 triệu chứng thư … chiếm 36,1% dân số trưởng thành". */
export const REAL_ADULT_POPULATION_2025 = Math.round(SIGNATURES_2025_08 / (SIGNATURE_ADULT_SHARE_2025_08 / 100));

const real = (source: string) => `${REAL_LABEL} — ${source}`;

/** National figures from the seed articles, reported for the Nation at the period they describe. */
export const REAL_FIGURES: readonly RealFigure[] = [
  { indicator: 'coverage_5g_pct', period: '2025-Q4', value: 59, source: real(TB_4_VPCP), evidence: 'Phủ sóng 5G gần 59% dân số.' },
  { indicator: 'mobile_internet_speed_rank', period: '2025', value: 18, source: real(BCD_24_9_2025), evidence: 'Tốc độ Internet di động của Việt Nam hiện xếp thứ 18 thế giới.' },
  { indicator: 'fixed_internet_speed_rank', period: '2025', value: 13, source: real(BCD_24_9_2025), evidence: 'Internet cố định đứng thứ 13.' },
  {
    indicator: 'digital_signature_certs', period: '2025-08', value: SIGNATURES_2025_08, source: real(BCD_24_9_2025),
    evidence: 'Đến hết tháng 8, hơn 22,3 triệu chứng thư chữ ký số đã được cấp, chiếm 36,1% dân số trưởng thành, tăng 1,2% chỉ trong một tháng.',
  },
  {
    indicator: 'adult_population', period: '2025', value: REAL_ADULT_POPULATION_2025, source: `${real(BCD_24_9_2025)} (suy ra: 22,3 triệu = 36,1%)`,
    evidence: 'Suy ra từ: 22,3 triệu chứng thư chữ ký số chiếm 36,1% dân số trưởng thành.',
  },
  { indicator: 'digital_tech_enterprises', period: '2025-Q3', value: 78_000, source: real(BCD_24_9_2025), evidence: 'Cả nước hiện có gần 78.000 doanh nghiệp công nghệ số.' },
  { indicator: 'digital_tech_enterprises', period: '2024-Q3', value: 51_000, source: real(DTI_DAY_2024), evidence: 'Với 51 nghìn doanh nghiệp công nghệ số và tạo 1,5 triệu việc làm.' },
  {
    indicator: 'digital_tech_revenue_bn_vnd', period: '2025', value: 3_200_000, source: `${real(BCD_24_9_2025)} (luỹ kế đến 8/2025)`,
    evidence: 'Tính đến tháng 8/2025, doanh thu ngành công nghệ số đạt hơn 3,2 triệu tỷ đồng, tăng 28,2% so với cùng kỳ năm 2024 và bằng 76% kế hoạch năm nay.',
  },
  { indicator: 'hardware_exports_musd', period: '2025', value: 111_400, source: real(BCD_24_9_2025), evidence: 'Kim ngạch xuất khẩu phần cứng, điện tử đạt 111,4 tỷ USD, tăng 27%.' },
  { indicator: 'hospitals_emr', period: '2025-Q4', value: 900, source: real(FORUM_20_12_2025), evidence: 'Gần 900 bệnh viện triển khai bệnh án điện tử.' },
  {
    indicator: 'chip_id_health_facilities_pct', period: '2025-Q4', value: 100, source: real(TB_4_VPCP),
    evidence: '100% cơ sở khám bệnh, chữa bệnh bảo hiểm y tế đã dùng căn cước công dân gắn chip.',
  },
  {
    indicator: 'social_payments_via_bank_people', period: '2025-Q4', value: 3_000_000, source: real(TB_4_VPCP),
    evidence: 'Thực hiện chi trả trợ cấp qua tài khoản ngân hàng cho khoảng 3 triệu người thuộc đối tượng bảo trợ xã hội và người có công với cách mạng với trên 40 nghìn tỷ đồng.',
  },
  { indicator: 'villages_without_power', period: '2025-09', value: 117, source: real(BCD_24_9_2025), evidence: 'EVN phải xây dựng phương án cung cấp điện cho 117 thôn chưa có điện, hoàn thành trong tháng 11.' },
  { indicator: 'egdi_rank', period: '2024', value: 71, source: real(DTI_DAY_2024), evidence: 'Chỉ số phát triển Chính phủ điện tử năm 2024 tăng 15 bậc, xếp hạng 71/193.' },
  { indicator: 'gii_rank', period: '2024', value: 44, source: real(DTI_DAY_2024), evidence: 'Chỉ số đổi mới sáng tạo toàn cầu năm 2024 tăng 2 bậc, xếp hạng 44/133.' },
  { indicator: 'gci_rank', period: '2024', value: 17, source: real(DTI_DAY_2024), evidence: 'Chỉ số an toàn, an ninh mạng toàn cầu năm 2024 tăng 8 bậc, xếp hạng 17/194.' },
];

/** Anchors the synthetic national trajectories on the real figures. */
export const ANCHORS = {
  coverage5g: { quarter: '2025-Q4', value: 59, perQuarter: 3, max: 97 },
  signatures: { month: '2025-08', value: SIGNATURES_2025_08, perMonth: 600_000 },
  enterprises: { quarter: '2025-Q3', value: 78_000, perQuarter: 5_000 },
  hospitalsEmr: { quarter: '2025-Q4', value: 900, perQuarter: 45 },
  socialViaBank: { quarter: '2025-Q4', value: 3_000_000, perQuarter: 40_000 },
  villagesWithoutPower: { month: '2025-09', value: 117 },
} as const;
