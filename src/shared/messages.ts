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
  duplicateInBatch: { vi: 'Trùng mã sự kiện "{id}" trong cùng lô (dòng {first})', en: 'Duplicate event id "{id}" in the same batch (line {first})' },
  conflictingEvent: { vi: 'Mã sự kiện "{id}" đã có với nội dung khác', en: 'Event id "{id}" already exists with different content' },
  unitNotFound: { vi: 'Không tìm thấy đơn vị "{code}"', en: 'Unit "{code}" not found' },
  indicatorNotFound: { vi: 'Không tìm thấy chỉ tiêu "{code}"', en: 'Indicator "{code}" not found' },
  badScorecardLevel: { vi: 'Cấp xếp hạng phải là province, ministry hoặc commune', en: 'Level must be province, ministry or commune' },
  communeNeedsParent: { vi: 'Xếp hạng cấp xã cần mã tỉnh (parent)', en: 'A commune ranking needs a province code (parent)' },
  fileUnreadable: { vi: 'Không đọc được tệp: {reason}', en: 'Cannot read the file: {reason}' },
  fileType: { vi: 'Chỉ nhận tệp CSV hoặc XLSX', en: 'Only CSV or XLSX files are accepted' },
  catalogueInvalid: { vi: 'Danh mục chỉ tiêu không hợp lệ', en: 'The indicator catalogue is invalid' },
  formulaInvalid: { vi: 'Công thức không hợp lệ: {reason}', en: 'Invalid formula: {reason}' },
  formulaUnknownInput: { vi: 'Công thức dùng chỉ tiêu không có: "{code}"', en: 'Formula uses an unknown indicator: "{code}"' },
  formulaCycle: { vi: 'Công thức tạo vòng lặp: {path}', en: 'Formula dependency cycle: {path}' },
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
