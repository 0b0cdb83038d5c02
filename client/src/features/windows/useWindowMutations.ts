import type { Reference } from "@apollo/client";
import { useMutation } from "@apollo/client/react";
import { graphql } from "../../gql";

/** Window fields an admin list shows; every window mutation returns them so the cache stays right. */
export const AdminWindowFragment = graphql(`
  fragment AdminWindow_window on ServiceWindow {
    id
    code
    number
    name
    kind
    active
    point {
      id
      code
      name
    }
    department {
      id
      code
      name
    }
    schedules {
      id
      weekday
      startTime
      endTime
      note
      active
    }
  }
`);

const CreateServiceWindowDocument = graphql(`
  mutation CreateServiceWindow($input: CreateServiceWindowInput!) {
    createServiceWindow(input: $input) {
      window {
        ...AdminWindow_window
      }
      userErrors {
        field
        message
        code
        rule
        reason
        params {
          name
          value
        }
      }
    }
  }
`);

const UpdateServiceWindowDocument = graphql(`
  mutation UpdateServiceWindow($input: UpdateServiceWindowInput!) {
    updateServiceWindow(input: $input) {
      window {
        ...AdminWindow_window
      }
      userErrors {
        field
        message
        code
        rule
        reason
        params {
          name
          value
        }
      }
    }
  }
`);

const DeactivateServiceWindowDocument = graphql(`
  mutation DeactivateServiceWindow($code: String!) {
    deactivateServiceWindow(code: $code) {
      window {
        ...AdminWindow_window
      }
      userErrors {
        field
        message
        code
        rule
        reason
        params {
          name
          value
        }
      }
    }
  }
`);

const AddWindowScheduleDocument = graphql(`
  mutation AddWindowSchedule($input: AddWindowScheduleInput!) {
    addWindowSchedule(input: $input) {
      schedule {
        id
        weekday
        startTime
        endTime
        note
        active
      }
      userErrors {
        field
        message
        code
        rule
        reason
        params {
          name
          value
        }
      }
    }
  }
`);

const RemoveWindowScheduleDocument = graphql(`
  mutation RemoveWindowSchedule($id: ID!) {
    removeWindowSchedule(id: $id) {
      schedule {
        id
        active
      }
      userErrors {
        field
        message
        code
        rule
        reason
        params {
          name
          value
        }
      }
    }
  }
`);

/** A new window appears in every window list, so those lists are fetched again. */
export function useCreateServiceWindowMutation() {
  return useMutation(CreateServiceWindowDocument, { refetchQueries: ["AdminWindows"] });
}

export function useUpdateServiceWindowMutation() {
  return useMutation(UpdateServiceWindowDocument);
}

export function useDeactivateServiceWindowMutation() {
  return useMutation(DeactivateServiceWindowDocument);
}

/** The new slot is appended to the window's schedule in the cache, without reloading the list. */
export function useAddWindowScheduleMutation(windowId: string) {
  return useMutation(AddWindowScheduleDocument, {
    update(cache, { data }) {
      const schedule = data?.addWindowSchedule.schedule;
      if (!schedule) return;
      cache.modify<{ schedules: Reference[] }>({
        id: cache.identify({ __typename: "ServiceWindow", id: windowId }),
        fields: {
          schedules: (existing, { toReference }) => {
            const ref = toReference({ __typename: "WindowSchedule", id: schedule.id });
            return ref ? [...existing, ref] : existing;
          },
        },
      });
    },
  });
}

/** The removed slot comes back inactive and the cache hides it everywhere. */
export function useRemoveWindowScheduleMutation() {
  return useMutation(RemoveWindowScheduleDocument);
}
