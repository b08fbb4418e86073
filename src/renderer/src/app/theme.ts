import { Badge, createTheme } from '@mantine/core';

const CJK_STACK = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif';

/** Calm, dense defaults for an office app used all day (STYLE.md). */
export const theme = createTheme({
  fontFamily: CJK_STACK,
  headings: { fontFamily: CJK_STACK, fontWeight: '600' },
  primaryColor: 'blue',
  defaultRadius: 'sm',
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '18px' },
  components: {
    TextInput: { defaultProps: { size: 'sm' } },
    PasswordInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm' } },
    Button: { defaultProps: { size: 'sm' } },
    Modal: { defaultProps: { centered: true } },
    // Upper-case labels suit neither Chinese nor role names.
    Badge: Badge.extend({ defaultProps: { tt: 'none' } }),
  },
});
