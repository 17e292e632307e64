import { defineMessages, type Entry } from '../shared/message-catalogue.ts';

/** Event batches (NDJSON) and event types, Vietnamese first. */
const catalogue = {
  notUtf8: { vi: 'Dòng chứa byte không phải UTF-8: lô sự kiện phải dùng bảng mã UTF-8', en: 'The line holds bytes that are not UTF-8: event batches must be UTF-8 encoded' },
  notNdjson: {
    vi: 'Sai kiểu nội dung: địa chỉ này nhận NDJSON (Content-Type: application/x-ndjson), mỗi dòng một đối tượng JSON, không nhận một mảng hay một tài liệu JSON',
    en: 'Wrong content type: this endpoint takes NDJSON (Content-Type: application/x-ndjson), one JSON object per line, not a JSON array or document',
  },
  arrayLine: {
    vi: 'Dòng là một mảng JSON: lô sự kiện là NDJSON, mỗi dòng một đối tượng JSON (application/x-ndjson)',
    en: 'The line is a JSON array: an event batch is NDJSON, one JSON object per line (application/x-ndjson)',
  },
  tooManyAttributes: { vi: 'Quá nhiều thuộc tính: tối đa {max}', en: 'Too many attributes: at most {max}' },
  attributeNameTooLong: { vi: 'Tên thuộc tính quá dài: tối đa {max} ký tự', en: 'Attribute name too long: at most {max} characters' },
  attributeTooLong: { vi: 'Giá trị thuộc tính quá dài: {length} ký tự, tối đa {max}', en: 'Attribute value too long: {length} characters, at most {max}' },
  attributeNotPlain: { vi: 'Giá trị thuộc tính phải là giá trị đơn: chuỗi, số hữu hạn hoặc đúng/sai', en: 'An attribute value must be a plain value: a string, a finite number or a boolean' },
  unknownEventType: {
    vi: 'Loại sự kiện "{type}" không có trong danh mục (không chỉ tiêu nào đọc, chưa được khai báo trong eventTypes); các loại đã biết: {known}',
    en: 'Event type "{type}" is not in the catalogue (no indicator reads it and it is not declared under eventTypes); known types: {known}',
  },
  attributeWrongType: { vi: 'Thuộc tính "{name}" của loại sự kiện "{type}" phải là {expected}', en: 'Attribute "{name}" of event type "{type}" must be {expectedEn}' },
  attributeNotAllowed: { vi: 'Thuộc tính "{name}" của loại sự kiện "{type}" phải là một trong: {values}', en: 'Attribute "{name}" of event type "{type}" must be one of: {values}' },
} satisfies Record<string, Entry>;

export const { msg: eventMsg, reason: eventReason } = defineMessages(catalogue);
