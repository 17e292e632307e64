/** A task as it arrives from the API, an XLSX sheet or the demo, before "6 rõ" validation. */
export interface TaskInput {
  /** Rõ việc: what to do. */
  title?: string;
  description?: string;
  /** Rõ trách nhiệm: exactly one lead unit (code) … */
  leadUnit?: string;
  /** … plus any coordinating units (codes). */
  coordinators?: string[];
  /** Rõ người: the responsible person. */
  responsible?: { name?: string; position?: string; contact?: string };
  /** Rõ thời gian: a date, a month or a quarter ("31/01/2026", "tháng 01/2026", "Quý 1/2026"). */
  deadline?: string;
  /** Rõ sản phẩm: the deliverable ("Đề án trình Thủ tướng"). */
  deliverable?: string;
  /** Rõ thẩm quyền: who accepts the deliverable ("Thủ tướng Chính phủ"). */
  approver?: string;
  /** Row or line the input came from, for error messages. */
  line?: number;
}

export interface DirectiveInput {
  number: string;
  type: string;
  /** YYYY-MM-DD or dd/mm/yyyy */
  issuedOn: string;
  issuer: string;
  title: string;
}
