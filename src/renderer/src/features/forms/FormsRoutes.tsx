import { Route, Routes } from 'react-router-dom';

/** Request forms (资源确认单 / 业务联系单) under /green/forms. */
export function FormsRoutes() {
  return <Routes>{[] as never as ReturnType<typeof Route>[]}</Routes>;
}
