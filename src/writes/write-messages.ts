import { defineMessages, type Entry } from '../shared/message-catalogue.ts';

/** Messages of the write gate, Vietnamese first. */
const catalogue = {
  databaseBusy: {
    vi: 'Cơ sở dữ liệu đang bận với một thao tác ghi khác; chưa có gì được ghi, vui lòng gửi lại sau {seconds} giây',
    en: 'The database is busy with another write; nothing was stored, please send again in {seconds} s',
  },
} satisfies Record<string, Entry>;

export const { msg: writeMsg } = defineMessages(catalogue);
