/** The message catalogue: every user-facing sentence in Vietnamese first, English second. */
type Params = Record<string, string | number>;
type Entry = { vi: string; en: string };

const catalogue = {
  batchRejected: { vi: 'Lô dữ liệu bị từ chối: {count} lỗi, không có dòng nào được ghi', en: 'Batch rejected: {count} problem(s), nothing was written' },
  emptyBatch: { vi: 'Lô dữ liệu trống', en: 'The batch is empty' },
  batchTooLarge: { vi: 'Lô dữ liệu quá lớn: tối đa {max} dòng', en: 'Batch too large: at most {max} lines' },
  invalidJson: { vi: 'Không phải JSON hợp lệ', en: 'Not valid JSON' },
  notAnObject: { vi: 'Mỗi dòng phải là một đối tượng JSON', en: 'Each line must be a JSON object' },
  required: { vi: 'Bắt buộc phải có', en: 'Required' },
  mustBeText: { vi: 'Phải là chuỗi ký tự không rỗng (tối đa {max} ký tự)', en: 'Must be a non-empty string (at most {max} characters)' },
  mustBeNumber: { vi: 'Phải là số hữu hạn', en: 'Must be a finite number' },
  notANumber: { vi: 'Không đọc được số "{value}" (viết theo kiểu Việt Nam: 1.234,5)', en: 'Cannot read the number "{value}" (Vietnamese style: 1.234,5)' },
  badTime: { vi: 'Thời điểm không hợp lệ (ISO 8601, ví dụ 2025-10-01T08:30:00+07:00)', en: 'Invalid time (ISO 8601, e.g. 2025-10-01T08:30:00+07:00)' },
  futureTime: { vi: 'Thời điểm ở tương lai quá xa', en: 'Time is too far in the future' },
  unknownUnit: { vi: 'Không có đơn vị mã "{code}"', en: 'No unit with code "{code}"' },
  unknownIndicator: { vi: 'Không có chỉ tiêu mã "{code}"', en: 'No indicator with code "{code}"' },
  notReported: { vi: 'Chỉ tiêu "{code}" không nhập tay được (loại {kind})', en: 'Indicator "{code}" cannot be reported directly (kind {kind})' },
  badPeriod: { vi: 'Kỳ "{value}" không hợp lệ cho chỉ tiêu theo {type}', en: 'Period "{value}" is not valid for a {type} indicator' },
  badAttributes: { vi: 'Thuộc tính phải là đối tượng với giá trị đơn (chuỗi, số, đúng/sai)', en: 'Attributes must be an object of plain values (string, number, boolean)' },
  notApplicable: { vi: 'Chỉ tiêu "{code}" không áp dụng cho đơn vị cấp {kind}', en: 'Indicator "{code}" does not apply to a {kind} unit' },
  computedIndicator: { vi: 'Chỉ tiêu "{code}" do hệ thống tự tính, không nhập tay được', en: 'Indicator "{code}" is computed by the system and cannot be reported' },
  duplicateValue: { vi: 'Trùng đơn vị, chỉ tiêu và kỳ với dòng {first}', en: 'Same unit, indicator and period as line {first}' },
  duplicateInBatch: { vi: 'Trùng mã sự kiện "{id}" trong cùng lô (dòng {first})', en: 'Duplicate event id "{id}" in the same batch (line {first})' },
  conflictingEvent: { vi: 'Mã sự kiện "{id}" đã có với nội dung khác', en: 'Event id "{id}" already exists with different content' },
  unitNotFound: { vi: 'Không tìm thấy đơn vị "{code}"', en: 'Unit "{code}" not found' },
  indicatorNotFound: { vi: 'Không tìm thấy chỉ tiêu "{code}"', en: 'Indicator "{code}" not found' },
  badScorecardLevel: { vi: 'Cấp xếp hạng phải là province, ministry hoặc commune', en: 'Level must be province, ministry or commune' },
  communeNeedsParent: { vi: 'Xếp hạng cấp xã cần mã tỉnh (parent)', en: 'A commune ranking needs a province code (parent)' },
  fileUnreadable: { vi: 'Không đọc được tệp: {reason}', en: 'Cannot read the file: {reason}' },
  fileType: { vi: 'Chỉ nhận tệp CSV hoặc XLSX', en: 'Only CSV or XLSX files are accepted' },
  sheetOldExcel: { vi: 'Tệp Excel đời cũ (.xls) chưa được hỗ trợ: hãy lưu lại thành .xlsx hoặc CSV', en: 'Old Excel files (.xls) are not supported: save it as .xlsx or CSV' },
  sheetNotUtf8: { vi: 'Tệp CSV phải dùng bảng mã UTF-8', en: 'CSV files must be UTF-8 encoded' },
  sheetTooLarge: { vi: 'Bảng tính quá lớn: tổng nội dung các ô vượt {max} MB', en: 'Spreadsheet too large: cell contents exceed {max} MB' },
  sheetNoWorksheet: { vi: 'Tệp XLSX không có trang tính nào', en: 'The XLSX file has no worksheet' },
  sheetEmpty: { vi: 'Bảng tính không có dòng số liệu nào', en: 'The spreadsheet has no data rows' },
  sheetNoHeader: { vi: 'Không tìm thấy dòng tiêu đề: cần một cột đơn vị (ví dụ "Mã đơn vị", "Tên đơn vị", "Tỉnh/Thành phố")', en: 'No header row found: a unit column is needed (e.g. "Mã đơn vị", "Tên đơn vị", "Unit")' },
  sheetUnknownLayout: { vi: 'Dòng tiêu đề {line} không có cột chỉ tiêu hay cột kỳ nào nhận ra được', en: 'Header row {line} has no recognisable indicator or period column' },
  sheetMixedLayout: { vi: 'Dòng tiêu đề {line} trộn cột chỉ tiêu với cột kỳ; mỗi bảng chỉ dùng một kiểu', en: 'Header row {line} mixes indicator and period columns; use one layout per sheet' },
  sheetMissingPeriod: { vi: 'Thiếu kỳ báo cáo: cần cột "Kỳ" hoặc chọn kỳ khi nhập', en: 'Missing period: a "Kỳ" column or a period chosen at import is needed' },
  sheetMissingIndicator: { vi: 'Thiếu chỉ tiêu: cần cột "Chỉ tiêu" hoặc chọn chỉ tiêu khi nhập', en: 'Missing indicator: an "Indicator" column or an indicator chosen at import is needed' },
  sheetUnknownUnit: { vi: 'Không nhận ra đơn vị "{text}" (theo mã hoặc tên)', en: 'Unknown unit "{text}" (by code or name)' },
  sheetUnknownIndicator: { vi: 'Không nhận ra chỉ tiêu "{text}" (theo mã hoặc tên)', en: 'Unknown indicator "{text}" (by code or name)' },
  sheetBadPeriod: { vi: 'Không đọc được kỳ "{value}" (ví dụ 10/2025, T10/2025, Quý III/2025, 2025)', en: 'Cannot read the period "{value}" (e.g. 10/2025, T10/2025, Quý III/2025, 2025)' },
  sheetPeriodMismatch: { vi: 'Kỳ "{value}" không khớp chỉ tiêu "{indicator}" (báo cáo theo {typeVi})', en: 'Period "{value}" does not fit indicator "{indicator}" (reported by {type})' },
  sheetDuplicate: { vi: 'Trùng số liệu: đơn vị {unit}, chỉ tiêu {indicator}, kỳ {period} đã có ở dòng {first}', en: 'Duplicate value: unit {unit}, indicator {indicator}, period {period} already at row {first}' },
  taskSheetNoHeader: {
    vi: 'Không tìm thấy dòng tiêu đề danh mục nhiệm vụ: cần các cột như "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"',
    en: 'No task-list header row found: columns such as "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn" are needed',
  },
  taskSheetMissingColumn: {
    vi: 'Thiếu cột {column} ({rule}) ở dòng tiêu đề {line}',
    en: 'Missing column "{column}" ({ruleEn}) in header row {line}',
  },
  taskSheetOneLeadUnit: {
    vi: 'Mỗi nhiệm vụ có đúng một đơn vị chủ trì; ô này ghi {count} đơn vị: {units}',
    en: 'A task has exactly one lead unit; this cell names {count}: {units}',
  },
  taskSheetBadDeadline: {
    vi: 'Không đọc được thời hạn "{value}" (ví dụ 31/01/2026, tháng 01/2026, Quý 1/2026, năm 2026)',
    en: 'Cannot read the deadline "{value}" (e.g. 31/01/2026, tháng 01/2026, Quý 1/2026, năm 2026)',
  },
  taskSheetEmpty: { vi: 'Danh mục không có nhiệm vụ nào', en: 'The task list has no tasks' },
  catalogueInvalid: { vi: 'Danh mục chỉ tiêu không hợp lệ', en: 'The indicator catalogue is invalid' },
  formulaInvalid: { vi: 'Công thức không hợp lệ: {reason}', en: 'Invalid formula: {reason}' },
  formulaUnknownInput: { vi: 'Công thức dùng chỉ tiêu không có: "{code}"', en: 'Formula uses an unknown indicator: "{code}"' },
  formulaCycle: { vi: 'Công thức tạo vòng lặp: {path}', en: 'Formula dependency cycle: {path}' },
  formulaSyntax: { vi: 'lỗi cú pháp ở ký tự {index}', en: 'syntax error at character {index} ({detail})' },
  formulaNotAllowed: {
    vi: 'chỉ được dùng số, mã chỉ tiêu, + - * / và dấu ngoặc, không dùng {what}',
    en: 'only numbers, indicator codes, + - * / and parentheses are allowed, not {what}',
  },
  formulaBadName: {
    vi: '"{name}" không phải mã chỉ tiêu (chữ thường không dấu, số, gạch dưới)',
    en: '"{name}" is not an indicator code (lower-case letters, digits, underscores)',
  },
  formulaMissing: { vi: 'Chỉ tiêu loại công thức (formula) phải có "formula"', en: 'A formula indicator needs a "formula"' },
  formulaRollupRatio: {
    vi: 'Công thức là một tỷ lệ (phép chia) nên cách tổng hợp phải là "ratio" (tỷ lệ của các tổng)',
    en: 'The formula is a quotient, so its rollup must be "ratio" (ratio of sums)',
  },
  formulaRollupSum: {
    vi: 'Công thức không phải tỷ lệ nên cách tổng hợp phải là "sum"',
    en: 'The formula is not a quotient, so its rollup must be "sum"',
  },
  formulaNotRollable: {
    vi: 'Công thức phải là một tỷ lệ (a / b, có thể nhân hằng số) hoặc tổ hợp tuyến tính (a + b - c…) để tổng hợp đúng lên các cấp',
    en: 'The formula must be a ratio (a / b, optionally scaled) or a linear combination (a + b - c…) to roll up correctly',
  },
  formulaInputNotSum: {
    vi: 'Đầu vào "{code}" của công thức phải tổng hợp theo "sum" (đang là "{rollup}")',
    en: 'Formula input "{code}" must roll up by "sum" (it is "{rollup}")',
  },
  finerPeriod: {
    vi: 'Chỉ tiêu "{code}" theo {inputType}, chi tiết hơn kỳ {type} của chỉ tiêu này',
    en: 'Indicator "{code}" is per {inputType}, finer than this indicator\'s {type}',
  },
  unknownField: { vi: 'Trường không được phép', en: 'Unknown field' },
  mustBeOneOf: { vi: 'Phải là một trong: {values}', en: 'Must be one of: {values}' },
  mustBeType: { vi: 'Phải có kiểu {types}', en: 'Must be of type {types}' },
  badCode: {
    vi: 'Mã chỉ gồm chữ thường không dấu, số và gạch dưới, bắt đầu bằng chữ',
    en: 'Codes are lower-case letters, digits and underscores, starting with a letter',
  },
  duplicateCode: { vi: 'Trùng mã "{code}" (đã có ở {first})', en: 'Duplicate code "{code}" (already at {first})' },
  unknownPillar: { vi: 'Không có trụ cột "{code}"', en: 'No pillar "{code}"' },
  unknownFramework: { vi: 'Không có bộ khung "{code}"', en: 'No framework "{code}"' },
  unknownGroup: { vi: 'Bộ khung "{framework}" không có nhóm "{code}"', en: 'Framework "{framework}" has no group "{code}"' },
  eventRuleMissing: { vi: 'Chỉ tiêu loại sự kiện (event) phải có quy tắc "event"', en: 'An event indicator needs an "event" rule' },
  eventFieldMissing: {
    vi: 'Phép gộp "{aggregate}" cần "field" (thuộc tính được cộng hoặc đếm không trùng)',
    en: 'Aggregate "{aggregate}" needs a "field" (the attribute summed or counted distinct)',
  },
  eventRollupSum: {
    vi: 'Chỉ tiêu từ sự kiện tổng hợp theo "sum" (được đếm, cộng trực tiếp ở mọi cấp)',
    en: 'Event indicators roll up by "sum" (they are counted directly at every level)',
  },
  notAllowedForKind: { vi: 'Chỉ tiêu loại {kind} không được có "{field}"', en: 'A {kind} indicator cannot have "{field}"' },
  ratioNeedsFormula: {
    vi: 'Cách tổng hợp "ratio" chỉ dùng cho chỉ tiêu công thức (tỷ lệ của các tổng)',
    en: 'The "ratio" rollup needs a formula (a ratio of sums)',
  },
  weightByNeedsWeightedMean: {
    vi: '"weightBy" chỉ dùng với cách tổng hợp "weighted_mean"',
    en: '"weightBy" only goes with the "weighted_mean" rollup',
  },
  weightBySelf: { vi: 'Không thể lấy chính chỉ tiêu làm trọng số', en: 'An indicator cannot be weighted by itself' },
  bandsOrder: {
    vi: 'Ngưỡng xếp loại phải theo thứ tự tốt ≥ khá ≥ trung bình',
    en: 'Bands must satisfy good ≥ fair ≥ average',
  },
  catalogueEmpty: { vi: 'Chưa có danh mục chỉ tiêu trong cơ sở dữ liệu', en: 'No indicator catalogue in the database yet' },
  requestInvalid: { vi: 'Yêu cầu không hợp lệ', en: 'Invalid request' },
  internal: { vi: 'Lỗi hệ thống, vui lòng thử lại', en: 'Internal error, please retry' },
  routeNotFound: { vi: 'Không có địa chỉ này', en: 'No such route' },
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof catalogue;

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function msg(key: MessageKey, params: Params = {}): Entry {
  const entry: Entry = catalogue[key];
  return { vi: fill(entry.vi, params), en: fill(entry.en, params) };
}

/** A problem's reason in both languages, ready for a Problem record. */
export function reason(key: MessageKey, params: Params = {}): { reason: string; reasonEn: string } {
  const { vi, en } = msg(key, params);
  return { reason: vi, reasonEn: en };
}
