import type { ReactNode } from 'react';
import { Button, type ButtonProps } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { IconDownload } from '@tabler/icons-react';
import { downloadBase64, XLSX_MIME } from '../features/customers/download';
import { notifyError, notifySuccess } from './notify';

/** What every list export returns: an .xlsx as base64, and how many rows it holds. */
export interface ExportedFile {
  fileName: string;
  base64: string;
  rowCount?: number;
}

/**
 * The export button every list has (issue #21): runs the list's export method with the list's own filters
 * (the server applies the caller's scope), downloads the file and says how many rows it holds.
 */
export function ExportButton({
  load,
  done,
  children,
  size = 'xs',
  variant = 'default',
  disabled,
}: {
  load: () => Promise<ExportedFile>;
  /** The notice after the download, given the row count; none when omitted. */
  done?: (rowCount: number) => string;
  children: ReactNode;
  size?: ButtonProps['size'];
  variant?: ButtonProps['variant'];
  disabled?: boolean;
}) {
  const run = useMutation({
    mutationFn: load,
    onSuccess: (file) => {
      downloadBase64(file.fileName, file.base64, XLSX_MIME);
      if (done) notifySuccess(done(file.rowCount ?? 0));
    },
    onError: (e) => notifyError(e),
  });
  return (
    <Button
      size={size}
      variant={variant}
      leftSection={<IconDownload size={14} />}
      loading={run.isPending}
      disabled={disabled}
      onClick={() => run.mutate()}
    >
      {children}
    </Button>
  );
}
