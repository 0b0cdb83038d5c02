import { useMutation } from "@apollo/client/react";
import { graphql } from "../../gql";

const UpdateMaterialDocument = graphql(`
  mutation UpdateMaterial($input: UpdateMaterialInput!) {
    updateMaterial(input: $input) {
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

/** Edits a material in place; the guide gets a new version (its history refetched). */
export function useUpdateMaterialMutation() {
  return useMutation(UpdateMaterialDocument, { refetchQueries: ["AdminGuideHistory"] });
}
