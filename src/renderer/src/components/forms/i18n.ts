/** UI text of the shared form pieces (discard guard, drafts, money input); merged under `forms`. */
export const formsZh = {
  discard: {
    title: '放弃未保存的修改？',
    message: '您填写的内容还没有保存，放弃后将无法找回。',
    keep: '继续编辑',
    confirm: '放弃修改',
  },
  draft: {
    restored: '已恢复未保存的草稿（{{time}}）',
    discard: '丢弃草稿',
  },
  money: {
    negative: '金额不能为负数',
    invalid: '请输入有效金额，如 12500.50',
  },
};

export const formsEn: typeof formsZh = {
  discard: {
    title: 'Discard unsaved changes?',
    message: 'What you typed has not been saved and cannot be recovered once discarded.',
    keep: 'Keep editing',
    confirm: 'Discard changes',
  },
  draft: {
    restored: 'Unsaved draft restored ({{time}})',
    discard: 'Discard draft',
  },
  money: {
    negative: 'The amount cannot be negative',
    invalid: 'Enter a valid amount, e.g. 12500.50',
  },
};
