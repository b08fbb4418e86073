import { Alert, Button, Center, Stack } from '@mantine/core';
import { useRouteError } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client';

/** What a page that failed to render shows (e.g. a module's code replaced by an update): say so, offer a reload. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <Center h="100%">
      <Stack maw={520}>
        <Alert color="red" title={t('errors.pageFailed')}>
          {errorMessage(error)}
        </Alert>
        <Button onClick={() => window.location.reload()}>{t('common.retry')}</Button>
      </Stack>
    </Center>
  );
}
