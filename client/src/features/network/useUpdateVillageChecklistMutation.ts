import { useMutation } from "@apollo/client/react";
import { graphql } from "../../gql";

const UpdateVillageChecklistDocument = graphql(`
  mutation UpdateVillageChecklist($input: VillageChecklistInput!) {
    updateVillageChecklist(input: $input) {
      point {
        id
        checklist {
          ...VillageChecklist_checklist
          ...ChecklistEditor_checklist
        }
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

export function useUpdateVillageChecklistMutation() {
  return useMutation(UpdateVillageChecklistDocument);
}
