import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorBox, Loading } from './ui.tsx';

/**
 * A page whose code loads the first time it is shown, so that the first screen does not carry it (the login and
 * account forms). A failed load offers to try again.
 */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  return function Lazy(props: P) {
    const [, rerender] = useState(0);
    const [error, setError] = useState<Error | undefined>(undefined);
    useEffect(() => {
      if (loaded || error) return;
      let live = true;
      (pending ??= load()).then(
        (component) => {
          loaded = component;
          if (live) rerender((n) => n + 1);
        },
        (err: unknown) => {
          pending = undefined;
          if (live) setError(err instanceof Error ? err : new Error(String(err)));
        },
      );
      return () => {
        live = false;
      };
    }, [error]);
    if (loaded) {
      const Page = loaded;
      return <Page {...props} />;
    }
    return <div class="page">{error ? <ErrorBox error={error} retry={() => setError(undefined)} /> : <Loading />}</div>;
  };
}
