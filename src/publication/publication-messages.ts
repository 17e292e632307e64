import { defineMessages, type Entry } from '../shared/message-catalogue.ts';

/** Published report periods ("kỳ báo cáo đã công bố") and their corrections ("đính chính"), Vietnamese first. */
const catalogue = {
  invalid: { vi: 'Yêu cầu công bố hoặc đính chính không hợp lệ', en: 'Invalid publication or correction request' },
  badMonth: { vi: 'Kỳ báo cáo phải là một tháng dạng YYYY-MM (vd. 2026-10), nhận được "{value}"', en: 'A report period is a month written YYYY-MM (e.g. 2026-10); got "{value}"' },
  monthNotEnded: { vi: 'Tháng {period} chưa kết thúc; chỉ công bố được tháng đã qua', en: 'Month {period} has not ended yet; only past months can be published' },
  noScores: { vi: 'Tháng {period} chưa có điểm của đơn vị nào; không có gì để công bố', en: 'Month {period} has no scores yet; there is nothing to publish' },
  alreadyPublished: { vi: 'Kỳ {period} đã công bố; muốn thay đổi số liệu thì đính chính kèm lý do', en: 'Period {period} is already published; change it through a correction with a reason' },
  notPublished: { vi: 'Kỳ {period} chưa được công bố nên không có gì để đính chính', en: 'Period {period} is not published, so there is nothing to correct' },
  nothingToCorrect: { vi: 'Số liệu đã công bố của kỳ {period} trùng với số liệu hiện tại; không có gì để đính chính', en: 'The published figures of {period} equal the current ones; there is nothing to correct' },
  changedMeanwhile: { vi: 'Số liệu kỳ {period} vừa thay đổi trong lúc đính chính; vui lòng thử lại', en: 'The figures of {period} changed during the correction; please retry' },
  nothingPublished: { vi: 'Chưa có kỳ báo cáo nào được công bố; đăng nhập để xem số liệu trực tiếp', en: 'No report period has been published yet; log in to see the live figures' },
  tokenCannotRead: { vi: 'Mã truy cập của hệ thống nguồn chỉ dùng để gửi dữ liệu; không xem được kỳ {period} chưa công bố', en: 'A source-system token only sends data; it cannot read the unpublished period {period}' },
  reasonRequired: { vi: 'Phải nêu lý do đính chính', en: 'A reason for the correction is required' },
  tooLong: { vi: 'Quá dài (tối đa {max} ký tự)', en: 'Too long (at most {max} characters)' },
  unknownUnit: { vi: 'Không có đơn vị mã "{code}"', en: 'No unit with code "{code}"' },
  publishedNote: { vi: 'Số liệu đã công bố ngày {date}{corrections}', en: 'Figures published on {date}{corrections}' },
  correctedSuffix: { vi: '; {count} điểm số, giá trị chỉ tiêu đã được đính chính', en: '; {count} score(s) or value(s) corrected since' },
  publishedMonths: { vi: 'Đã công bố {count} kỳ báo cáo: tháng {from} – {to}', en: 'Published {count} report period(s): {from} – {to}' },
  liveNote: { vi: 'Số liệu trực tiếp, chưa phải số liệu công bố chính thức', en: 'Live figures, not the official published ones' },
} satisfies Record<string, Entry>;

export type PublicationMessageKey = keyof typeof catalogue;

export const { msg: publicationMsg, reason: publicationReason } = defineMessages(catalogue);
