import { defineMessages, type Entry } from '../shared/message-catalogue.ts';

/** Task messages, Vietnamese first: each "rõ" named so an office knows what to add. */
const catalogue = {
  taskRejected: { vi: 'Nhiệm vụ không đạt yêu cầu "6 rõ": {count} lỗi, không có gì được ghi', en: 'Task does not meet the "6 clear" rule: {count} problem(s), nothing was written' },
  missingTitle: { vi: 'Thiếu nội dung nhiệm vụ (rõ việc)', en: 'Missing what to do (clear task)' },
  missingLead: { vi: 'Thiếu đơn vị chủ trì (rõ trách nhiệm)', en: 'Missing the lead unit (clear responsibility)' },
  missingResponsibleName: { vi: 'Thiếu họ tên người chịu trách nhiệm (rõ người)', en: 'Missing the responsible person\'s name (clear person)' },
  missingResponsiblePosition: { vi: 'Thiếu chức vụ người chịu trách nhiệm (rõ người)', en: 'Missing the responsible person\'s position (clear person)' },
  missingResponsibleContact: { vi: 'Thiếu thông tin liên hệ người chịu trách nhiệm (rõ người)', en: 'Missing the responsible person\'s contact (clear person)' },
  missingDeadline: { vi: 'Thiếu thời hạn hoàn thành (rõ thời gian)', en: 'Missing the deadline (clear time)' },
  badDeadline: { vi: 'Không đọc được thời hạn "{value}" (vd. 31/01/2026, tháng 01/2026, Quý 1/2026)', en: 'Cannot read the deadline "{value}" (e.g. 31/01/2026, tháng 01/2026, Quý 1/2026)' },
  deadlineBeforeIssue: { vi: 'Thời hạn {deadline} trước ngày ban hành văn bản {issued}', en: 'Deadline {deadline} is before the directive was issued ({issued})' },
  deadlineAfterParent: { vi: 'Thời hạn nhiệm vụ con {deadline} muộn hơn nhiệm vụ cha {parent}', en: 'Sub-task deadline {deadline} is later than its parent\'s {parent}' },
  missingDeliverable: { vi: 'Thiếu sản phẩm đầu ra (rõ sản phẩm)', en: 'Missing the deliverable (clear product)' },
  missingApprover: { vi: 'Thiếu cấp có thẩm quyền nghiệm thu (rõ thẩm quyền)', en: 'Missing who accepts the deliverable (clear authority)' },
  unknownUnit: { vi: 'Không có đơn vị mã "{code}"', en: 'No unit with code "{code}"' },
  leadIsCoordinator: { vi: 'Đơn vị chủ trì không đồng thời là đơn vị phối hợp', en: 'The lead unit cannot also be a coordinating unit' },
  duplicateCoordinator: { vi: 'Đơn vị phối hợp "{code}" bị lặp', en: 'Coordinating unit "{code}" is listed twice' },
  subtaskOutsideParent: { vi: 'Nhiệm vụ con phải giao cho đơn vị chủ trì nhiệm vụ cha hoặc đơn vị trực thuộc', en: 'A sub-task must be led by the parent\'s lead unit or a unit beneath it' },
  tooLong: { vi: 'Quá dài (tối đa {max} ký tự)', en: 'Too long (at most {max} characters)' },
  directiveNotFound: { vi: 'Không tìm thấy văn bản "{ref}"', en: 'Directive "{ref}" not found' },
  directiveExists: { vi: 'Đã có văn bản số "{number}"', en: 'Directive "{number}" already exists' },
  directiveInvalid: { vi: 'Văn bản chỉ đạo không hợp lệ', en: 'Invalid directive' },
  badDate: { vi: 'Ngày không hợp lệ (dd/mm/yyyy hoặc YYYY-MM-DD)', en: 'Invalid date (dd/mm/yyyy or YYYY-MM-DD)' },
  required: { vi: 'Bắt buộc phải có', en: 'Required' },
  taskNotFound: { vi: 'Không tìm thấy nhiệm vụ {id}', en: 'Task {id} not found' },
  badProgress: { vi: 'Tiến độ phải từ 0 đến 100', en: 'Progress must be between 0 and 100' },
  progressGoesBack: { vi: 'Tiến độ không được giảm so với báo cáo trước ({previous}%)', en: 'Progress cannot go below the previous report ({previous}%)' },
  taskClosed: { vi: 'Nhiệm vụ đã được nghiệm thu hoàn thành', en: 'The task has already been accepted as completed' },
  needsDeliverable: { vi: 'Báo cáo hoàn thành phải kèm sản phẩm (tệp hoặc đường dẫn)', en: 'A completion report must attach the deliverable (a file or a link)' },
  notSubmitted: { vi: 'Nhiệm vụ chưa được báo cáo hoàn thành', en: 'The task has not been reported as completed' },
  needsReason: { vi: 'Phải nêu lý do không nghiệm thu', en: 'A reason for rejecting is required' },
  badLink: { vi: 'Đường dẫn phải bắt đầu bằng http:// hoặc https://', en: 'A link must start with http:// or https://' },
  executableEvidence: { vi: 'Tệp minh chứng là chương trình chạy được ({type}), không được nhận', en: 'The evidence file is an executable program ({type}) and is refused' },
  fileNameTooLong: { vi: 'Tên tệp minh chứng quá dài (tối đa {max} ký tự)', en: 'Evidence file name too long (at most {max} characters)' },
  fileTooLarge: { vi: 'Tệp minh chứng quá lớn (tối đa {max} MB)', en: 'Evidence file too large (at most {max} MB)' },
  onlyLeadReports: { vi: 'Chỉ cán bộ của {unit} (đơn vị chủ trì) hoặc của đơn vị cấp trên được báo cáo nhiệm vụ này', en: 'Only staff of {unit} (the lead unit) or of a unit above it may report on this task' },
  onlyAboveDecides: { vi: 'Chỉ đơn vị cấp trên của {unit} hoặc Ban Chỉ đạo được nghiệm thu hay trả lại nhiệm vụ này', en: 'Only a unit above {unit} or the steering committee may accept or return this task' },
  onlyLeadSplits: { vi: 'Chỉ {unit}, đơn vị cấp trên hoặc Ban Chỉ đạo được giao nhiệm vụ con', en: 'Only {unit}, a unit above it or the steering committee may hand out sub-tasks' },
} satisfies Record<string, Entry>;

export type TaskMessageKey = keyof typeof catalogue;

export const { msg: taskMsg, reason: taskReason } = defineMessages(catalogue);
