/** Every synthetic value's source starts with this: per-unit demo figures are made up and must say so. */
export const DEMO_LABEL = 'DỮ LIỆU MINH HỌA (tổng hợp)';

export const SYNTHETIC_SOURCE = `${DEMO_LABEL} — không phải số liệu thật`;
