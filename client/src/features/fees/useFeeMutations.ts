import { useMutation } from "@apollo/client/react";
import { graphql } from "../../gql";
import { CASE_QUERIES } from "../cases/useCaseMutations";

/**
 * Every list that shows money. A money act is never shown as done before the server answers
 * (never optimistic): the lists are fetched again once it has.
 */
export const FEE_QUERIES = [
  ...CASE_QUERIES,
  "PaymentsAwaiting",
  "PaymentsTaken",
  "Reconciliation",
  "TicketBooks",
  "TicketBookApplications",
  "TicketVoidRequests",
  "FeeStandardVersions",
];
const refetch = { refetchQueries: FEE_QUERIES, awaitRefetchQueries: true } as const;

const ChargeCaseDocument = graphql(`
  mutation ChargeCase($input: ChargeCaseInput!) {
    chargeCase(input: $input) {
      charge {
        id
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

const ReduceChargeDocument = graphql(`
  mutation ReduceCharge($input: ReduceChargeInput!) {
    reduceCharge(input: $input) {
      charge {
        id
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

const TakePaymentDocument = graphql(`
  mutation TakePayment($input: TakePaymentInput!) {
    takePayment(input: $input) {
      payment {
        id
        number
        amountFen
      }
      ticket {
        id
        number
        pdfUrl
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

const RequestTicketVoidDocument = graphql(`
  mutation RequestTicketVoid($input: RequestTicketVoidInput!) {
    requestTicketVoid(input: $input) {
      ticket {
        id
        status
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

const ApproveTicketVoidDocument = graphql(`
  mutation ApproveTicketVoid($input: TicketRefInput!) {
    approveTicketVoid(input: $input) {
      ticket {
        id
        status
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

const RecordDepositDocument = graphql(`
  mutation RecordDeposit($input: RecordDepositInput!) {
    recordDeposit(input: $input) {
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

const CloseReconciliationDayDocument = graphql(`
  mutation CloseReconciliationDay($input: CloseReconciliationDayInput!) {
    closeReconciliationDay(input: $input) {
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

const AddFeeStandardVersionDocument = graphql(`
  mutation AddFeeStandardVersion($input: AddFeeStandardVersionInput!) {
    addFeeStandardVersion(input: $input) {
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

const ApplyForTicketBookDocument = graphql(`
  mutation ApplyForTicketBook($input: ApplyForTicketBookInput!) {
    applyForTicketBook(input: $input) {
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

const HandInTicketBookDocument = graphql(`
  mutation HandInTicketBook($input: TicketBookRefInput!) {
    handInTicketBook(input: $input) {
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

const AuditTicketStubsDocument = graphql(`
  mutation AuditTicketStubs($input: TicketBookRefInput!) {
    auditTicketStubs(input: $input) {
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

const IssueTicketBookDocument = graphql(`
  mutation IssueTicketBook($input: IssueTicketBookInput!) {
    issueTicketBook(input: $input) {
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

/** F2 */
export const useChargeCaseMutation = () => useMutation(ChargeCaseDocument, refetch);
export const useReduceChargeMutation = () => useMutation(ReduceChargeDocument, refetch);
/** F3/F4: the caller keeps one idempotency key across retries of one payment. */
export const useTakePaymentMutation = () => useMutation(TakePaymentDocument, refetch);
/** F4: two people, never the same. */
export const useRequestTicketVoidMutation = () => useMutation(RequestTicketVoidDocument, refetch);
export const useApproveTicketVoidMutation = () => useMutation(ApproveTicketVoidDocument, refetch);
/** F6 */
export const useRecordDepositMutation = () => useMutation(RecordDepositDocument, refetch);
export const useCloseReconciliationDayMutation = () => useMutation(CloseReconciliationDayDocument, refetch);
/** F1 */
export const useAddFeeStandardVersionMutation = () => useMutation(AddFeeStandardVersionDocument, refetch);
/** F5 */
export const useApplyForTicketBookMutation = () => useMutation(ApplyForTicketBookDocument, refetch);
export const useHandInTicketBookMutation = () => useMutation(HandInTicketBookDocument, refetch);
export const useAuditTicketStubsMutation = () => useMutation(AuditTicketStubsDocument, refetch);
export const useIssueTicketBookMutation = () => useMutation(IssueTicketBookDocument, refetch);
