import { useMutation } from "@apollo/client/react";
import { graphql } from "../../gql";

/**
 * Every list and page that shows cases. An act changes where a case is and what may be done
 * next, so they are fetched again once the server has answered (never updated optimistically).
 */
export const CASE_QUERIES = [
  "CasePage",
  "WindowQueue",
  "PointInbox",
  "PointLedger",
  "DecisionsAwaiting",
  "JointOpinionsAwaiting",
  "ImmediateDesk",
  "ReviewsAwaiting",
  "WorkCounts",
  "DepartmentTabCounts",
  "DecidedByMe",
  "MyJointOpinions",
];
export const refetch = { refetchQueries: CASE_QUERIES, awaitRefetchQueries: true } as const;

const AcceptCaseDocument = graphql(`
  mutation AcceptCase($input: AcceptCaseInput!) {
    acceptCase(input: $input) {
      case {
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

const IssueSupplementNoticeDocument = graphql(`
  mutation IssueSupplementNotice($input: SupplementNoticeInput!) {
    issueSupplementNotice(input: $input) {
      case {
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

const CompleteSupplementDocument = graphql(`
  mutation CompleteSupplement($input: CompleteSupplementInput!) {
    completeSupplement(input: $input) {
      case {
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

const ReturnCaseDocument = graphql(`
  mutation ReturnCase($input: ReturnCaseInput!) {
    returnCase(input: $input) {
      case {
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

const PauseCaseDocument = graphql(`
  mutation PauseCase($input: PauseCaseInput!) {
    pauseCase(input: $input) {
      case {
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

const ResumeCaseDocument = graphql(`
  mutation ResumeCase($input: CaseRefInput!) {
    resumeCase(input: $input) {
      case {
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

const ExtendCaseDocument = graphql(`
  mutation ExtendCase($input: ExtendCaseInput!) {
    extendCase(input: $input) {
      case {
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

const GiveJointOpinionDocument = graphql(`
  mutation GiveJointOpinion($input: JointOpinionInput!) {
    giveJointOpinion(input: $input) {
      case {
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

const ReviewCaseDocument = graphql(`
  mutation ReviewCase($input: ReviewCaseInput!) {
    reviewCase(input: $input) {
      case {
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

const DecideCaseDocument = graphql(`
  mutation DecideCase($input: DecideCaseInput!) {
    decideCase(input: $input) {
      case {
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

const ForwardCaseDocument = graphql(`
  mutation ForwardCase($input: CaseRefInput!) {
    forwardCase(input: $input) {
      case {
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

const RecordHigherReplyDocument = graphql(`
  mutation RecordHigherReply($input: HigherReplyInput!) {
    recordHigherReply(input: $input) {
      case {
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

/** C3/C4: accepted with a kind; the clock starts. */
const WithdrawCaseDocument = graphql(`
  mutation WithdrawCase($input: EndCaseInput!) {
    withdrawCase(input: $input) {
      case {
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
const RequestVoidDocument = graphql(`
  mutation RequestVoid($input: EndCaseInput!) {
    requestVoid(input: $input) {
      case {
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
const ApproveVoidDocument = graphql(`
  mutation ApproveVoid($input: CaseRefInput!) {
    approveVoid(input: $input) {
      case {
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
const RejectVoidDocument = graphql(`
  mutation RejectVoid($input: EndCaseInput!) {
    rejectVoid(input: $input) {
      case {
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

export const useAcceptCaseMutation = () => useMutation(AcceptCaseDocument, refetch);
/** C3.6: the one-time notice. */
export const useIssueSupplementNoticeMutation = () => useMutation(IssueSupplementNoticeDocument, refetch);
export const useCompleteSupplementMutation = () => useMutation(CompleteSupplementDocument, refetch);
/** C3.5 */
export const useReturnCaseMutation = () => useMutation(ReturnCaseDocument, refetch);
/** Art. 45 */
export const usePauseCaseMutation = () => useMutation(PauseCaseDocument, refetch);
export const useResumeCaseMutation = () => useMutation(ResumeCaseDocument, refetch);
/** Art. 42 */
export const useExtendCaseMutation = () => useMutation(ExtendCaseDocument, refetch);
/** C3.3 */
export const useGiveJointOpinionMutation = () => useMutation(GiveJointOpinionDocument, refetch);
/** A2: the caller keeps the idempotency key across retries of one decision. */
export const useDecideCaseMutation = () => useMutation(DecideCaseDocument, refetch);
export const useReviewCaseMutation = () => useMutation(ReviewCaseDocument, refetch);
/** C3.4 */
export const useForwardCaseMutation = () => useMutation(ForwardCaseDocument, refetch);
export const useRecordHigherReplyMutation = () => useMutation(RecordHigherReplyDocument, refetch);
/** §6 endings: withdrawal (E1), a void asked (E1) and approved or rejected by a second person (E2). */
export const useWithdrawCaseMutation = () => useMutation(WithdrawCaseDocument, refetch);
export const useRequestVoidMutation = () => useMutation(RequestVoidDocument, refetch);
export const useApproveVoidMutation = () => useMutation(ApproveVoidDocument, refetch);
export const useRejectVoidMutation = () => useMutation(RejectVoidDocument, refetch);
