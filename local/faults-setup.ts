/**
 * The fault machinery of one local cloud (docs/local-cloud.md#faults), set up and torn down in one
 * place: the API fault rules, task crashes, event delivery faults, the clock, and their `/_local` routes.
 * Task faults, delivery faults and the clock are process-wide hooks (one local cloud per process).
 */
import { LocalClock, useClock } from './clock';
import type { PerScope } from './accounts-scopes';
import type { Ec2Service } from './ec2/service';
import { createDeliveryFaults, useDeliveryFaults, type DeliveryFaults } from './events/delivery-faults';
import { retriesPending } from './events/delivery';
import { createFaults, type Faults } from './faults';
import { faultRoutes, type FaultRoutesContext } from './faults-routes';
import { createTaskFaults, useTaskFaults, type TaskFaults } from './sfn/task-faults';

export interface FaultInjection {
  faults: Faults;
  taskFaults: TaskFaults;
  eventFaults: DeliveryFaults & { retriesPending(): number };
  clock: LocalClock;
  /** For LocalServerOptions.localRoutes. */
  routes: ReturnType<typeof faultRoutes>;
  stop(): void;
}

export function startFaultInjection(opts: { proxy: FaultRoutesContext['proxy']; ec2: PerScope<Ec2Service> }): FaultInjection {
  const faults = createFaults();
  const taskFaults = createTaskFaults();
  const eventFaults = Object.assign(createDeliveryFaults(), { retriesPending });
  const clock = new LocalClock();
  useClock(clock);
  useTaskFaults(taskFaults);
  useDeliveryFaults(eventFaults);
  const routes = faultRoutes({
    taskFaults, eventFaults, clock, proxy: opts.proxy,
    findEndpoint: (id) => opts.ec2.entries().map(({ scope, value }) => ({ ...scope, store: value.store }))
      .find((e) => e.store.endpoints.has(id)),
  });
  return {
    faults, taskFaults, eventFaults, clock, routes,
    stop() {
      clock.dispose();
      useClock(undefined);
      useTaskFaults(undefined);
      useDeliveryFaults(undefined);
    },
  };
}
