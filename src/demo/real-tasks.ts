import type { DirectiveInput } from '../tasks/task-input.ts';

/**
 * The directives and tasks of the seed articles, as written: lead ("chủ trì"), coordinators ("phối hợp với"),
 * deadline wording, deliverable and who accepts it. What the articles leave out (the responsible person, some
 * deadlines, one lead) is filled in by the demo and said so in the task's description.
 */
export interface RealDirective {
  input: DirectiveInput;
  /** Short name of the article the tasks come from, quoted in every task's description. */
  source: string;
}

export interface RealTask {
  /** Stable key: names the task's random stream and its illustrative links. */
  key: string;
  directive: string;
  title: string;
  lead: string;
  coordinators?: string[];
  /** As the article writes it; when the article gives none, ours (see `deadlineIsOurs`). */
  deadline: string;
  deadlineIsOurs?: boolean;
  deliverable: string;
  approver: string;
  /** The article's sentence the task comes from. */
  quote: string;
  /** What else the demo had to decide, in Vietnamese. */
  notes?: string[];
  /** A province reviewing its communes' digital infrastructure hands the review down to a few communes. */
  communeReview?: boolean;
}

export const TB_4_VPCP = '4/TB-VPCP';
/** Our own reference: the article reports the session, not the number of the official notice of its conclusions. */
export const KL_BCD_2025_09_24 = 'KL-BCĐ-24/9/2025';

export const REAL_DIRECTIVES: readonly RealDirective[] = [
  {
    input: {
      number: KL_BCD_2025_09_24,
      type: 'Kết luận phiên họp',
      issuedOn: '2025-09-24',
      issuer: 'Ban Chỉ đạo của Chính phủ về phát triển KH,CN, ĐMST, CĐS và Đề án 06',
      title: 'Kết luận của Thủ tướng Phạm Minh Chính tại phiên họp Ban Chỉ đạo của Chính phủ về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 chiều 24/9/2025',
    },
    source: 'bài báo về phiên họp Ban Chỉ đạo ngày 24/9/2025',
  },
  {
    input: {
      number: TB_4_VPCP,
      type: 'Thông báo',
      // The article gives no date; the notice followed the forum of 20/12/2025 in early January 2026.
      issuedOn: '2026-01-05',
      issuer: 'Văn phòng Chính phủ',
      title: 'Thông báo kết luận của Thủ tướng Phạm Minh Chính tại Diễn đàn quốc gia về phát triển kinh tế số và xã hội số lần thứ 3 (họp ngày 20/12/2025)',
    },
    source: 'Thông báo 4/TB-VPCP',
  },
];

const PM = 'Thủ tướng Chính phủ';
const GOVERNMENT = 'Chính phủ';
const STEERING = 'Ban Chỉ đạo của Chính phủ về phát triển KH,CN, ĐMST, CĐS và Đề án 06';

/** The six centrally-run cities the session counted; data/ also lists Đồng Nai (75) as a city, not one of these six. */
const SMART_CITY_NAMES: Record<string, string> = { '01': 'Hà Nội', '31': 'Hải Phòng', '46': 'Huế', '48': 'Đà Nẵng', '79': 'TP. Hồ Chí Minh', '92': 'Cần Thơ' };
export const SMART_CITIES = Object.keys(SMART_CITY_NAMES).sort();

/** "Xã, phường, đặc khu": a handful of provinces, mountainous and urban, show the review and its commune sub-tasks. */
export const REVIEW_PROVINCES = ['01', '04', '40', '92'] as const;

const DATABASES_BY_Q4 = 'Thời hạn theo yêu cầu chung của phiên họp: các bộ, ngành, địa phương "hoàn thiện cơ sở dữ liệu chậm nhất trong quý IV/2025, bảo đảm đúng, đủ, sạch, sống, thống nhất, dùng chung".';

const fromSession: RealTask[] = [
  {
    key: 'bkhcn-16-van-ban', directive: KL_BCD_2025_09_24, lead: 'BKHCN',
    title: 'Xây dựng 16 nghị định và thông tư hướng dẫn các luật, nghị quyết của Quốc hội đã thông qua liên quan đến khoa học công nghệ, đổi mới sáng tạo, chuyển đổi số',
    deadline: 'quý IV/2025', deadlineIsOurs: true,
    deliverable: '16 nghị định và thông tư hướng dẫn được ban hành',
    approver: 'Chính phủ (nghị định); Bộ trưởng Bộ Khoa học và Công nghệ (thông tư)',
    quote: 'Thủ tướng giao Bộ Khoa học và Công nghệ chủ trì xây dựng 16 nghị định và thông tư hướng dẫn các luật, nghị quyết Quốc hội đã thông qua, liên quan đến khoa học công nghệ, đổi mới sáng tạo, chuyển đổi số.',
  },
  {
    key: 'bxd-do-thi-thong-minh', directive: KL_BCD_2025_09_24, lead: 'BXD', coordinators: ['BKHCN', ...SMART_CITIES],
    title: 'Phê duyệt đề án đô thị thông minh của 6 thành phố trực thuộc trung ương',
    deadline: 'tháng 9/2025',
    deliverable: 'Đề án đô thị thông minh của 6 thành phố được phê duyệt',
    approver: 'Ủy ban nhân dân 6 thành phố trực thuộc trung ương (phê duyệt đề án)',
    quote: 'Bộ Xây dựng phối hợp với Bộ Khoa học và Công nghệ cùng 6 thành phố phê duyệt đề án đô thị thông minh trong tháng 9 và triển khai trong năm 2025.',
    notes: [`6 thành phố: ${SMART_CITIES.map((c) => SMART_CITY_NAMES[c]).join(', ')}.`],
  },
  ...SMART_CITIES.map((city): RealTask => ({
    key: `do-thi-thong-minh-${city}`, directive: KL_BCD_2025_09_24, lead: city, coordinators: ['BXD', 'BKHCN'],
    title: `Triển khai đề án đô thị thông minh của thành phố ${SMART_CITY_NAMES[city] ?? city}`,
    deadline: 'năm 2025',
    deliverable: 'Đề án đô thị thông minh được triển khai trong năm 2025 (báo cáo kết quả)',
    approver: STEERING,
    quote: 'Bộ Xây dựng phối hợp với Bộ Khoa học và Công nghệ cùng 6 thành phố phê duyệt đề án đô thị thông minh trong tháng 9 và triển khai trong năm 2025.',
    notes: ['Bài báo giao chung cho Bộ Xây dựng, Bộ KH&CN và 6 thành phố; phần triển khai được ghi thành một nhiệm vụ do từng thành phố chủ trì (cách ghi của dữ liệu minh họa).'],
  })),
  {
    key: 'bnnmt-csdl-dat-dai', directive: KL_BCD_2025_09_24, lead: 'BNNMT',
    title: 'Hoàn thành cơ sở dữ liệu về đất đai', deadline: 'quý IV/2025',
    deliverable: 'Cơ sở dữ liệu đất đai hoàn thành, bảo đảm "đúng, đủ, sạch, sống"', approver: STEERING,
    quote: 'Bộ Nông nghiệp và Môi trường hoàn thành cơ sở dữ liệu về đất đai.', notes: [DATABASES_BY_Q4],
  },
  {
    key: 'bxd-du-lieu-nha-o', directive: KL_BCD_2025_09_24, lead: 'BXD',
    title: 'Hoàn thiện dữ liệu nhà ở, bất động sản', deadline: 'quý IV/2025',
    deliverable: 'Cơ sở dữ liệu nhà ở và thị trường bất động sản hoàn thiện, bảo đảm "đúng, đủ, sạch, sống"', approver: STEERING,
    quote: 'Bộ Xây dựng hoàn thiện dữ liệu nhà ở, bất động sản và triển khai sàn giao dịch bất động sản.', notes: [DATABASES_BY_Q4],
  },
  {
    key: 'bxd-san-giao-dich-bds', directive: KL_BCD_2025_09_24, lead: 'BXD',
    title: 'Triển khai sàn giao dịch bất động sản', deadline: 'quý 2/2026', deadlineIsOurs: true,
    deliverable: 'Sàn giao dịch bất động sản đi vào hoạt động', approver: STEERING,
    quote: 'Bộ Xây dựng hoàn thiện dữ liệu nhà ở, bất động sản và triển khai sàn giao dịch bất động sản.',
  },
  {
    key: 'bgddt-csdl-hssv', directive: KL_BCD_2025_09_24, lead: 'BGDDT',
    title: 'Hoàn thiện cơ sở dữ liệu học sinh, sinh viên', deadline: 'quý IV/2025',
    deliverable: 'Cơ sở dữ liệu học sinh, sinh viên hoàn thiện, bảo đảm "đúng, đủ, sạch, sống"', approver: STEERING,
    quote: 'Bộ Giáo dục và Đào tạo hoàn thiện cơ sở dữ liệu học sinh, sinh viên.', notes: [DATABASES_BY_Q4],
  },
  {
    key: 'bca-csdl-dan-cu', directive: KL_BCD_2025_09_24, lead: 'BCA',
    title: 'Hoàn thiện Cơ sở dữ liệu quốc gia về dân cư "đúng, đủ, sạch, sống", thống nhất, dùng chung từ trung ương đến cơ sở', deadline: 'quý IV/2025',
    deliverable: 'Cơ sở dữ liệu quốc gia về dân cư "đúng, đủ, sạch, sống", dùng chung cho các bộ, ngành, địa phương', approver: STEERING,
    quote: 'Ông cũng chỉ đạo các bộ, ngành, địa phương phải hoàn thiện cơ sở dữ liệu chậm nhất trong quý IV/2025, bảo đảm "đúng, đủ, sạch, sống", thống nhất, dùng chung từ trung ương đến cơ sở.',
    notes: ['Yêu cầu giao chung cho các bộ, ngành, địa phương; ghi thành nhiệm vụ riêng của Bộ Công an với cơ sở dữ liệu do Bộ quản lý.'],
  },
  {
    key: 'bca-trung-tam-du-lieu', directive: KL_BCD_2025_09_24, lead: 'BCA',
    title: 'Vận hành, khai thác hiệu quả Trung tâm dữ liệu quốc gia; tham mưu Chính phủ đôn đốc các bộ, ngành triển khai cơ sở dữ liệu quốc gia, chuyên ngành',
    deadline: 'quý IV/2025', deadlineIsOurs: true,
    deliverable: 'Báo cáo Chính phủ về vận hành Trung tâm dữ liệu quốc gia và tiến độ cơ sở dữ liệu quốc gia, chuyên ngành', approver: GOVERNMENT,
    quote: 'Bộ Công an vận hành, khai thác hiệu quả Trung tâm dữ liệu quốc gia, tham mưu cho Chính phủ đôn đốc các bộ ngành triển khai cơ sở dữ liệu quốc gia, chuyên ngành.',
  },
  {
    key: 'bca-vneid', directive: KL_BCD_2025_09_24, lead: 'BCA',
    title: 'Đẩy mạnh ứng dụng VNeID', deadline: 'năm 2026', deadlineIsOurs: true,
    deliverable: 'Báo cáo kết quả mở rộng tiện ích và người dùng VNeID', approver: STEERING,
    quote: 'Bộ Công an … đẩy mạnh ứng dụng VNeID; giám sát an ninh mạng, điều phối ứng phó sự cố an toàn thông tin.',
  },
  {
    key: 'evn-117-thon', directive: KL_BCD_2025_09_24, lead: 'EVN',
    title: 'Xây dựng phương án cung cấp điện cho 117 thôn chưa có điện', deadline: 'tháng 11/2025',
    deliverable: 'Phương án cấp điện cho 117 thôn chưa có điện', approver: STEERING,
    quote: 'EVN phải xây dựng phương án cung cấp điện cho 117 thôn chưa có điện, hoàn thành trong tháng 11.',
  },
  {
    key: 'nhnn-goi-tin-dung', directive: KL_BCD_2025_09_24, lead: 'NHNN',
    title: 'Triển khai gói tín dụng 500 nghìn tỷ đồng lãi suất thấp, đúng đối tượng, thúc đẩy đầu tư khoa học công nghệ, đổi mới sáng tạo, chuyển đổi số và hạ tầng chiến lược',
    deadline: 'quý IV/2025', deadlineIsOurs: true,
    deliverable: 'Gói tín dụng 500 nghìn tỷ đồng được triển khai tại các ngân hàng thương mại (báo cáo kết quả giải ngân)', approver: STEERING,
    quote: 'Ngân hàng Nhà nước và các ngân hàng thương mại triển khai gói tín dụng 500 nghìn tỷ đồng với lãi suất thấp, đúng đối tượng, thúc đẩy đầu tư khoa học công nghệ, đổi mới sáng tạo, chuyển đổi số và hạ tầng chiến lược.',
  },
  {
    key: 'cong-cu-kpi', directive: KL_BCD_2025_09_24, lead: 'BKHCN', coordinators: ['VPCP'],
    title: 'Hoàn thành công cụ đo lường, theo dõi, đánh giá kết quả (KPI) của các bộ, ngành, địa phương trong thời gian thực',
    deadline: 'tháng 9/2025',
    deliverable: 'Công cụ đo lường, theo dõi, đánh giá KPI của các bộ, ngành, địa phương theo thời gian thực đi vào vận hành', approver: STEERING,
    quote: 'Công cụ đo lường, theo dõi, đánh giá kết quả (KPI) của các bộ ngành, địa phương trong thời gian thực phải hoàn thành ngay trong tháng 9.',
    notes: ['Đơn vị chủ trì và phối hợp minh họa — bài báo không nêu; chọn Bộ KH&CN (quản lý nhà nước về chuyển đổi số) và Văn phòng Chính phủ.'],
  },
  ...REVIEW_PROVINCES.map((province): RealTask => ({
    key: `ra-soat-ha-tang-${province}`, directive: KL_BCD_2025_09_24, lead: province,
    title: 'Rà soát toàn bộ hạ tầng số đã đầu tư ở cấp xã; khoanh lại hạ tầng không sử dụng được',
    deadline: 'quý IV/2025', deadlineIsOurs: true,
    deliverable: 'Báo cáo rà soát hạ tầng số cấp xã và danh mục hệ thống, thiết bị khoanh lại (tạm dừng khai thác, không mở rộng)', approver: STEERING,
    quote: 'Các xã, phường, đặc khu có hạ tầng số mà không sử dụng được thì dứt khoát phải khoanh lại, tiếp tục xử lý và đầu tư đồng bộ hệ thống mới thống nhất, hiện đại.',
    notes: ['Yêu cầu giao chung cho các địa phương; dữ liệu minh họa ghi cho một số tỉnh, thành phố.'],
    communeReview: true,
  })),
];

const fromForum: RealTask[] = [
  {
    key: 'bkhcn-van-ban-huong-dan-luat', directive: TB_4_VPCP, lead: 'BKHCN',
    title: 'Xây dựng các văn bản hướng dẫn các Luật liên quan đến khoa học công nghệ, đổi mới sáng tạo và chuyển đổi số đã được Quốc hội thông qua',
    deadline: 'quý 2/2026', deadlineIsOurs: true,
    deliverable: 'Các văn bản hướng dẫn thi hành các Luật về khoa học công nghệ, đổi mới sáng tạo, chuyển đổi số', approver: GOVERNMENT,
    quote: 'Thủ tướng giao Bộ Khoa học và Công nghệ và các bộ, ngành khẩn trương xây dựng các văn bản hướng dẫn các Luật liên quan đến khoa học công nghệ, đổi mới sáng tạo và chuyển đổi số đã được Quốc hội thông qua.',
  },
  {
    key: 'bkhcn-khung-ppp-sandbox', directive: TB_4_VPCP, lead: 'BKHCN',
    title: 'Nghiên cứu hoàn thiện khung pháp lý hợp tác công - tư cho lĩnh vực công nghệ, áp dụng cơ chế thử nghiệm cho mô hình kinh doanh mới',
    deadline: 'quý IV/2026', deadlineIsOurs: true,
    deliverable: 'Khung pháp lý hợp tác công - tư và cơ chế thử nghiệm (sandbox) trình Chính phủ', approver: GOVERNMENT,
    quote: 'Sớm nghiên cứu hoàn thiện khung pháp lý hợp tác công - tư cho lĩnh vực công nghệ, áp dụng cơ chế thử nghiệm cho mô hình kinh doanh mới.',
  },
  {
    key: 'bkhcn-chuong-trinh-kts-xhs', directive: TB_4_VPCP, lead: 'BKHCN',
    title: 'Hoàn thiện, trình Thủ tướng Chính phủ ban hành Chương trình phát triển kinh tế số, xã hội số giai đoạn 2026-2030',
    deadline: 'quý 1/2026', deadlineIsOurs: true,
    deliverable: 'Chương trình phát triển kinh tế số, xã hội số giai đoạn 2026-2030 trình Thủ tướng Chính phủ', approver: PM,
    quote: 'Bộ Khoa học và Công nghệ tiếp thu đầy đủ ý kiến tham luận của các đại biểu tại Diễn đàn, hoàn thiện trình Thủ tướng Chính phủ ban hành Chương trình phát triển kinh tế số, xã hội giai đoạn 2026-2030.',
  },
  {
    key: 'bca-khung-kinh-te-du-lieu', directive: TB_4_VPCP, lead: 'BCA',
    title: 'Xây dựng và trình ban hành Khung Kinh tế dữ liệu quốc gia và lộ trình triển khai (cơ chế chia sẻ dữ liệu công - tư; khung pháp lý về định giá, thương mại hóa, khai thác và quản trị dữ liệu)',
    deadline: 'tháng 01/2026',
    deliverable: 'Khung Kinh tế dữ liệu quốc gia và lộ trình triển khai trình Thủ tướng Chính phủ ban hành', approver: PM,
    quote: 'Bộ Công an chủ trì, phối hợp với các đơn vị liên quan xây dựng và trình ban hành Khung Kinh tế dữ liệu quốc gia và lộ trình triển khai, trong đó xây dựng cơ chế chia sẻ dữ liệu công - tư và khung pháp lý về định giá, thương mại hóa, khai thác và quản trị dữ liệu, hoàn thành trong tháng 01/2026.',
    notes: ['"Các đơn vị liên quan" không được nêu tên nên không ghi đơn vị phối hợp.'],
  },
  {
    key: 'bgddt-hoc-tu-lam', directive: TB_4_VPCP, lead: 'BGDDT', coordinators: ['BKHCN'],
    title: 'Triển khai có hiệu quả Chương trình "Học từ làm" cùng các trường, doanh nghiệp',
    deadline: 'năm 2026', deadlineIsOurs: true,
    deliverable: 'Chương trình "Học từ làm" được triển khai tại các trường, doanh nghiệp (báo cáo kết quả)', approver: PM,
    quote: 'Bộ Giáo dục và Đào tạo chủ trì, phối hợp với Bộ Khoa học và Công nghệ cùng với các trường, doanh nghiệp nhanh chóng triển khai có hiệu quả Chương trình "Học từ làm".',
  },
  {
    key: 'bgddt-bao-cao-ai', directive: TB_4_VPCP, lead: 'BGDDT', coordinators: ['BNV', 'BKHCN'],
    title: 'Xây dựng Báo cáo tổng thể về các ngành, nghề bị ảnh hưởng nhiều nhất bởi trí tuệ nhân tạo để xây dựng kế hoạch đào tạo lại, nâng cấp, chuyển đổi kỹ năng cho người lao động',
    deadline: 'quý 1/2026',
    deliverable: 'Báo cáo tổng thể về các ngành, nghề bị ảnh hưởng nhiều nhất bởi AI trình Thủ tướng Chính phủ', approver: PM,
    quote: 'Bộ Giáo dục và Đào tạo chủ trì, phối hợp với Bộ Nội vụ, Bộ Khoa học và Công nghệ và các đơn vị liên quan xây dựng Báo cáo tổng thể về các ngành, nghề bị ảnh hưởng nhiều nhất bởi trí tuệ nhân tạo để xây dựng kế hoạch đào tạo lại, nâng cấp, chuyển đổi kỹ năng cho người lao động, trình Thủ tướng trong quý 1/2026.',
  },
  {
    key: 'bkhcn-de-an-dnnvv', directive: TB_4_VPCP, lead: 'BKHCN',
    title: 'Hoàn thiện Đề án hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số, trình Thủ tướng Chính phủ',
    deadline: 'tháng 1/2026',
    deliverable: 'Đề án hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số trình Thủ tướng', approver: PM,
    quote: 'Bộ Khoa học và Công nghệ chủ trì khẩn trương hoàn thiện Đề án hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số, trình Thủ tướng Chính phủ trong tháng 1/2026.',
  },
  {
    key: 'bkhcn-ke-hoach-dnnvv', directive: TB_4_VPCP, lead: 'BKHCN',
    title: 'Xây dựng Kế hoạch hành động triển khai Đề án hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số sau khi được phê duyệt',
    deadline: 'quý 1/2026',
    deliverable: 'Kế hoạch hành động triển khai Đề án hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số', approver: 'Bộ trưởng Bộ Khoa học và Công nghệ',
    quote: 'Xây dựng Kế hoạch hành động triển khai Đề án sau khi được phê duyệt trong quý 1/2026.',
    notes: ['Thẩm quyền ban hành kế hoạch suy ra từ việc Bộ chủ trì — bài báo không nêu.'],
  },
  {
    key: 'bca-nhom-yeu-the', directive: TB_4_VPCP, lead: 'BCA',
    title: 'Nghiên cứu, xây dựng và triển khai các giải pháp giảm thiểu tác động tiêu cực trên không gian mạng, nhất là cho các nhóm yếu thế',
    deadline: 'năm 2026', deadlineIsOurs: true,
    deliverable: 'Bộ giải pháp giảm thiểu tác động tiêu cực trên không gian mạng cho các nhóm yếu thế được triển khai', approver: PM,
    quote: 'Bộ Công an chủ trì nghiên cứu, xây dựng và tổ chức triển khai hiệu quả các giải pháp giảm thiểu các tác động tiêu cực trên không gian mạng, nhất là cho các nhóm yếu thế (như trẻ em, người cao tuổi, người khuyết tật, đồng bào dân tộc thiểu số, vùng sâu, vùng xa, biên giới hải đảo…).',
  },
  {
    key: 'bkhcn-nhom-yeu-the', directive: TB_4_VPCP, lead: 'BKHCN',
    title: 'Cùng doanh nghiệp công nghệ nghiên cứu, xây dựng và triển khai các giải pháp giảm thiểu tác động tiêu cực trên không gian mạng cho các nhóm yếu thế',
    deadline: 'năm 2026', deadlineIsOurs: true,
    deliverable: 'Giải pháp công nghệ giảm thiểu tác động tiêu cực trên không gian mạng cho các nhóm yếu thế được triển khai', approver: PM,
    quote: 'Bộ Khoa học và Công nghệ chủ trì, phối hợp với doanh nghiệp công nghệ nghiên cứu, xây dựng và tổ chức triển khai hiệu quả các giải pháp giảm thiểu các tác động tiêu cực trên không gian mạng, nhất là cho các nhóm yếu thế.',
    notes: ['Doanh nghiệp công nghệ phối hợp không phải đơn vị trong hệ thống nên không ghi đơn vị phối hợp.'],
  },
  {
    key: 'bct-depa', directive: TB_4_VPCP, lead: 'BCT',
    title: 'Sớm kết thúc đàm phán và hoàn thành thủ tục để Việt Nam chính thức trở thành thành viên Hiệp định Đối tác Kinh tế số (DEPA)',
    deadline: 'năm 2026', deadlineIsOurs: true,
    deliverable: 'Việt Nam chính thức là thành viên Hiệp định DEPA (kết thúc đàm phán, hoàn thành thủ tục gia nhập)', approver: GOVERNMENT,
    quote: 'Bộ Công Thương đẩy nhanh tiến độ, sớm kết thúc đàm phán và hoàn thành thủ tục để Việt Nam chính thức trở thành thành viên của Hiệp định Đối tác Kinh tế số (DEPA).',
  },
];

export const REAL_TASKS: readonly RealTask[] = [...fromSession, ...fromForum];
