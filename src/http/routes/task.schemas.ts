import Type from 'typebox';

/** What the task reads return; a field missing here is dropped from the answer, so these follow task.query.ts. */
const UnitRef = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() });
const Status = Type.Union([
  Type.Literal('chua_thuc_hien'), Type.Literal('dang_thuc_hien'), Type.Literal('hoan_thanh_dung_han'), Type.Literal('hoan_thanh_qua_han'), Type.Literal('qua_han'),
]);
const Days = (description: string) => Type.Union([Type.Integer(), Type.Null()], { description });

export const TaskItem = Type.Object({
  id: Type.Integer(),
  directive: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  title: Type.String(),
  leadUnit: UnitRef,
  coordinators: Type.Array(UnitRef),
  responsible: Type.Object({ name: Type.String(), position: Type.String(), contact: Type.String() }),
  deadline: Type.String({ description: 'Ngày cuối của thời hạn (YYYY-MM-DD)' }),
  deadlineText: Type.String({ description: 'Thời hạn như văn bản ghi' }),
  deliverable: Type.String(),
  approver: Type.String(),
  progress: Type.Number(),
  status: Status,
  statusLabel: Type.String(),
  dueSoon: Type.Boolean(),
  completion: Type.String({ description: 'none, submitted (chờ nghiệm thu) hoặc accepted' }),
  completedOn: Type.Union([Type.String(), Type.Null()]),
  subtasks: Type.Integer(),
  daysOverdue: Days('Số ngày đã quá hạn (giờ Việt Nam) khi nhiệm vụ quá hạn chưa hoàn thành; null nếu không'),
  dueInDays: Days('Số ngày còn lại đến hạn (0 là hôm nay) khi nhiệm vụ đang mở và chưa nộp sản phẩm; null nếu không'),
});

export const TaskListAnswer = Type.Object({ total: Type.Integer(), items: Type.Array(TaskItem) });

const Allowance = Type.Object({
  allowed: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'Vì sao không được (tiếng Việt)' }),
  reasonEn: Type.Union([Type.String(), Type.Null()]),
});

export const TaskDetailAnswer = Type.Intersect([TaskItem, Type.Object({
  parent: Type.Union([Type.Object({ id: Type.Integer(), title: Type.String(), leadUnit: UnitRef }), Type.Null()]),
  subtaskList: Type.Array(TaskItem),
  history: Type.Array(Type.Object({
    id: Type.Integer(), task_id: Type.Integer(), at: Type.String(), actor: Type.String(), kind: Type.String(),
    progress: Type.Union([Type.Number(), Type.Null()]), note: Type.Union([Type.String(), Type.Null()]), data: Type.Unknown(),
  })),
  evidence: Type.Array(Type.Object({
    id: Type.Integer(), task_event_id: Type.Integer(), file_name: Type.Union([Type.String(), Type.Null()]),
    hash: Type.Union([Type.String(), Type.Null()]), link: Type.Union([Type.String(), Type.Null()]),
    size: Type.Union([Type.Integer(), Type.Null()]), mime: Type.Union([Type.String(), Type.Null()]),
  })),
  actions: Type.Object(
    { progress: Allowance, complete: Allowance, accept: Allowance, reject: Allowance, split: Allowance },
    { description: 'Người đang đăng nhập được làm gì với nhiệm vụ này, và nếu không thì vì sao' },
  ),
})]);
