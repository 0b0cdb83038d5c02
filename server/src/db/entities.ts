import { IdempotencyRecord } from "../common/idempotency.entity";
import { AuditEntry } from "../modules/audit/audit-entry.entity";
import { ApprovalSeal, AuthorizationLetter, AuthorizationLetterItem } from "../modules/authorization/authorization.entity";
import { CalendarDay, CalendarYear } from "../modules/calendar/calendar.entity";
import { Case, CaseCounter, CaseEvent, CaseMaterial } from "../modules/cases/case.entity";
import { CaseNameKey, CaseParty } from "../modules/cases/case-party.entity";
import { CaseExtension, CasePause, CaseReview, Decision, FaultRecord, JointNotice, SupplementNotice } from "../modules/cases/case-records.entity";
import { Department } from "../modules/catalogue/department.entity";
import { GuideVersion } from "../modules/catalogue/guide-version.entity";
import {
  FeeStandard,
  ItemCoDepartment,
  ItemDelegation,
  Material,
  ProcedureStep,
  ServiceItem,
  WindowItem,
} from "../modules/catalogue/service-item.entity";
import { ServicePoint } from "../modules/network/service-point.entity";
import { ServiceWindow, WindowSchedule } from "../modules/network/service-window.entity";
import { LoginLock } from "../modules/staff/login-lock.entity";
import { ApiToken, Staff, StaffSession, TokenCaseRef } from "../modules/staff/staff.entity";
import { AuditHead } from "../modules/records/records.entity";
import { feeEntities } from "../modules/fees/fee.entities";
import { Complaint, Evaluation, Rectification } from "../modules/supervision/supervision.entity";
import { FollowUpDraw, FollowUpVisit } from "../modules/supervision/followup.entity";
import { Inspection } from "../modules/supervision/inspection.entity";
import { ItemSearchEntry, SearchSynonym } from "../modules/guide/guide-search.entity";
import { assessmentEntities } from "../modules/assessment/assessment.entity";
import { integrationEntities } from "../modules/integrations/integrations.entity";

/** Every table of the system; migrations in ../../migrations create exactly these. */
export const entities = [
  ServicePoint,
  ServiceWindow,
  WindowSchedule,
  Department,
  ServiceItem,
  Material,
  ProcedureStep,
  FeeStandard,
  ItemCoDepartment,
  ItemDelegation,
  WindowItem,
  GuideVersion,
  ItemSearchEntry,
  SearchSynonym,
  Staff,
  StaffSession,
  ApiToken,
  TokenCaseRef,
  LoginLock,
  AuditEntry,
  AuditHead,
  IdempotencyRecord,
  CalendarDay,
  CalendarYear,
  ApprovalSeal,
  AuthorizationLetter,
  AuthorizationLetterItem,
  CaseCounter,
  Case,
  CaseEvent,
  CaseMaterial,
  CaseParty,
  CaseNameKey,
  SupplementNotice,
  JointNotice,
  CasePause,
  CaseExtension,
  CaseReview,
  Decision,
  FaultRecord,
  ...feeEntities,
  Complaint,
  Evaluation,
  Rectification,
  FollowUpDraw,
  FollowUpVisit,
  Inspection,
  ...assessmentEntities,
  ...integrationEntities,
];
