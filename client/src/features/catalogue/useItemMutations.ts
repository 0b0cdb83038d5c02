import { useMutation } from "@apollo/client/react";
import { graphql } from "../../gql";

/** Item fields the admin list shows; item mutations return them so the cache stays right. */
export const AdminItemFragment = graphql(`
  fragment AdminItem_item on ServiceItem {
    id
    code
    name
    level
    category
    defaultKind
    legalLimitDays
    promisedLimitDays
    content
    legalBasis
    higherAuthority
    overdueCountsAsApproval
    reviewRequired
    active
    version
    department {
      id
      code
      name
    }
  }
`);

const CreateServiceItemDocument = graphql(`
  mutation CreateServiceItem($input: CreateServiceItemInput!) {
    createServiceItem(input: $input) {
      item {
        ...AdminItem_item
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

const UpdateServiceItemDocument = graphql(`
  mutation UpdateServiceItem($input: UpdateServiceItemInput!) {
    updateServiceItem(input: $input) {
      item {
        ...AdminItem_item
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

const DeactivateServiceItemDocument = graphql(`
  mutation DeactivateServiceItem($code: String!) {
    deactivateServiceItem(code: $code) {
      item {
        ...AdminItem_item
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

const AddMaterialDocument = graphql(`
  mutation AddMaterial($input: AddMaterialInput!) {
    addMaterial(input: $input) {
      material {
        id
        seq
        name
        description
        originals
        copies
        required
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

const DeactivateMaterialDocument = graphql(`
  mutation DeactivateMaterial($id: ID!) {
    deactivateMaterial(id: $id) {
      material {
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

const AssignItemToWindowDocument = graphql(`
  mutation AssignItemToWindow($input: AssignItemInput!) {
    assignItemToWindow(input: $input) {
      window {
        id
        code
        name
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

const DelegateItemDocument = graphql(`
  mutation DelegateItem($input: DelegateItemInput!) {
    delegateItem(input: $input) {
      delegation {
        id
        mode
        effectiveFrom
        revokedAt
        revokeReason
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

const RevokeItemDelegationDocument = graphql(`
  mutation RevokeItemDelegation($input: RevokeDelegationInput!) {
    revokeItemDelegation(input: $input) {
      delegation {
        id
        mode
        effectiveFrom
        revokedAt
        revokeReason
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

/** A new item shows up in the admin list, which is fetched again. */
export function useCreateServiceItemMutation() {
  return useMutation(CreateServiceItemDocument, { refetchQueries: ["AdminItems"] });
}

/** Sends the version the form was opened with; a stale one comes back as STALE_VERSION. */
export function useUpdateServiceItemMutation() {
  return useMutation(UpdateServiceItemDocument);
}

export function useDeactivateServiceItemMutation() {
  return useMutation(DeactivateServiceItemDocument);
}

export function useAddMaterialMutation() {
  return useMutation(AddMaterialDocument, { refetchQueries: ["AdminItemDetail"] });
}

export function useDeactivateMaterialMutation() {
  return useMutation(DeactivateMaterialDocument);
}

export function useAssignItemToWindowMutation() {
  return useMutation(AssignItemToWindowDocument, { refetchQueries: ["AdminItemDetail"] });
}

export function useDelegateItemMutation() {
  return useMutation(DelegateItemDocument, { refetchQueries: ["AdminItemDetail"] });
}

export function useRevokeItemDelegationMutation() {
  return useMutation(RevokeItemDelegationDocument);
}
