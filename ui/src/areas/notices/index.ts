// The notices area (通知): one chunk, loaded when first opened.
export { NoticesScreen } from './NoticesScreen';
export { NoticeScreen } from './NoticeScreen';
