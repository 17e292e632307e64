import { defineMessages, type Entry } from '../shared/message-catalogue.ts';

/** Event types declared in the catalogue and what indicators read of them, Vietnamese first. */
const catalogue = {
  eventTypeUndeclared: { vi: 'Loại sự kiện "{type}" chưa được khai báo trong eventTypes', en: 'Event type "{type}" is not declared under eventTypes' },
  attributeUndeclared: { vi: 'Loại sự kiện "{type}" không khai báo thuộc tính "{name}"', en: 'Event type "{type}" declares no attribute "{name}"' },
  filterValueMismatch: { vi: 'Giá trị lọc {value} không hợp với thuộc tính "{name}": phải là {expected}', en: 'Filter value {value} does not fit attribute "{name}": it must be {expectedEn}' },
  sumFieldNotNumber: { vi: 'Thuộc tính "{name}" được cộng (sum) phải khai báo là number hoặc integer', en: 'Attribute "{name}" is summed, so it must be declared number or integer' },
  valuesNeedString: { vi: 'Danh sách giá trị (values) chỉ dùng cho thuộc tính kiểu string', en: 'A list of values is for string attributes only' },
  typeString: { vi: 'chuỗi', en: 'a string' },
  typeNumber: { vi: 'số', en: 'a number' },
  typeInteger: { vi: 'số nguyên', en: 'an integer' },
  typeBoolean: { vi: 'đúng/sai (true hoặc false, không đặt trong ngoặc kép)', en: 'a boolean (true or false, unquoted)' },
  typeOneOf: { vi: 'một trong: {values}', en: 'one of: {values}' },
} satisfies Record<string, Entry>;

export const { msg: eventTypeMsg, reason: eventTypeReason } = defineMessages(catalogue);
