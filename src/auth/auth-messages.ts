import { defineMessages, type Entry } from '../shared/message-catalogue.ts';

/** Accounts, tokens and permissions, Vietnamese first. */
const catalogue = {
  loginRequired: { vi: 'Cần đăng nhập để thực hiện thao tác này', en: 'Log in to do this' },
  loginFailed: { vi: 'Sai tên đăng nhập hoặc mật khẩu', en: 'Wrong username or password' },
  accountLocked: { vi: 'Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần; thử lại sau {seconds} giây', en: 'Account locked after repeated failed logins; retry in {seconds} s' },
  accountDisabled: { vi: 'Tài khoản đã bị vô hiệu hóa', en: 'The account is disabled' },
  sessionExpired: { vi: 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại', en: 'The session has expired; log in again' },
  csrfMissing: { vi: 'Thiếu hoặc sai mã chống giả mạo (CSRF); tải lại trang rồi thử lại', en: 'Missing or wrong CSRF token; reload the page and retry' },
  passwordChangeRequired: { vi: 'Phải đổi mật khẩu dùng một lần trước khi tiếp tục', en: 'Change the one-time password before continuing' },
  tokenInvalid: { vi: 'Mã truy cập không hợp lệ hoặc đã bị thu hồi', en: 'The access token is invalid or revoked' },
  forbiddenAction: { vi: 'Vai trò "{role}" không được phép thực hiện "{action}"', en: 'Role "{role}" may not perform "{action}"' },
  forbiddenUnit: { vi: 'Không có quyền ghi dữ liệu của đơn vị "{unit}"', en: 'Not allowed to write data of unit "{unit}"' },
  forbiddenEventType: { vi: 'Mã truy cập không được gửi sự kiện loại "{type}"', en: 'This token may not send events of type "{type}"' },
  forbiddenRead: { vi: 'Không có quyền xem dữ liệu của đơn vị "{unit}"', en: 'Not allowed to read data of unit "{unit}"' },
  unpublishedPeriod: { vi: 'Kỳ {period} chưa được công bố; cần đăng nhập để xem', en: 'Period {period} is not published; log in to see it' },
  nothingPublished: { vi: 'Chưa có kỳ báo cáo nào được công bố', en: 'No report period has been published yet' },
  passwordTooShort: { vi: 'Mật khẩu phải có ít nhất {min} ký tự', en: 'The password must have at least {min} characters' },
  passwordTooLong: { vi: 'Mật khẩu quá dài (tối đa {max} ký tự)', en: 'The password is too long (at most {max} characters)' },
  passwordSameAsUsername: { vi: 'Mật khẩu không được trùng tên đăng nhập', en: 'The password cannot be the username' },
  passwordUnchanged: { vi: 'Mật khẩu mới phải khác mật khẩu cũ', en: 'The new password must differ from the old one' },
  badUsername: { vi: 'Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch (3–64 ký tự)', en: 'Usernames are 3–64 lower-case ASCII letters, digits, dots, dashes or underscores' },
  usernameTaken: { vi: 'Tên đăng nhập "{username}" đã có', en: 'Username "{username}" is taken' },
  userNotFound: { vi: 'Không có tài khoản "{username}"', en: 'No account "{username}"' },
  badRole: { vi: 'Vai trò phải là một trong: {roles}', en: 'The role must be one of: {roles}' },
  unitRequired: { vi: 'Vai trò "{role}" phải gắn với một đơn vị', en: 'Role "{role}" must be bound to a unit' },
  unitNotAllowed: { vi: 'Vai trò "{role}" không gắn với đơn vị', en: 'Role "{role}" is not bound to a unit' },
  unknownUnit: { vi: 'Không có đơn vị mã "{code}"', en: 'No unit with code "{code}"' },
  tokenNotFound: { vi: 'Không có mã truy cập số {id}', en: 'No token with id {id}' },
  tokenNeedsUnits: { vi: 'Mã truy cập phải gắn với ít nhất một đơn vị', en: 'A token must be bound to at least one unit' },
  tokenNeedsTypes: { vi: 'Mã truy cập phải gắn với ít nhất một loại sự kiện (vd. dossier.*)', en: 'A token must be bound to at least one event type (e.g. dossier.*)' },
  badEventTypePattern: { vi: 'Loại sự kiện "{value}" không hợp lệ (vd. dossier.submitted hoặc dossier.*)', en: 'Invalid event type "{value}" (e.g. dossier.submitted or dossier.*)' },
  lastAdmin: { vi: 'Không thể vô hiệu hóa hoặc hạ quyền quản trị viên cuối cùng', en: 'Cannot disable or demote the last administrator' },
  required: { vi: 'Bắt buộc phải có', en: 'Required' },
  tooLong: { vi: 'Quá dài (tối đa {max} ký tự)', en: 'Too long (at most {max} characters)' },
  invalidInput: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
} satisfies Record<string, Entry>;

export type AuthMessageKey = keyof typeof catalogue;

export const { msg: authMsg, reason: authReason } = defineMessages(catalogue);
