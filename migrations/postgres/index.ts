import { WebhookHeld1796102001000 } from "./1796102001000-WebhookHeld";
import { WebhookSecretSealed1796102000000 } from "./1796102000000-WebhookSecretSealed";
import { Paper1796040000000 } from "./1796040000000-Paper";
import { AdminScreens1796040801724 } from "./1796040801724-AdminScreens";
import { HallReview1796040439229 } from "./1796040439229-HallReview";
import { Workspaces1796040100000 } from "./1796040100000-Workspaces";
import { GuideSearch1796040554573 } from "./1796040554573-GuideSearch";
import { SearchParties1796040486040 } from "./1796040486040-SearchParties";
import { InspectionWeight1796040050000 } from "./1796040050000-InspectionWeight";
import { ApiTokenScopes1796044070833 } from "./1796044070833-ApiTokenScopes";
import { Integrations1796044219535 } from "./1796044219535-Integrations";
import { Assessment1796036883304 } from "./1796036883304-Assessment";
import { FollowUpsInspections1796035942904 } from "./1796035942904-FollowUpsInspections";
import { Fees1796032732915 } from "./1796032732915-Fees";
import { Supervision1796032593185 } from "./1796032593185-Supervision";
import { LoginLock1796030341887 } from "./1796030341887-LoginLock";
import { RecordsSeal1796030327376 } from "./1796030327376-RecordsSeal";
import { ProvisionalDues1796030282692 } from "./1796030282692-ProvisionalDues";
import { Cases1795725501111 } from "./1795725501111-Cases";
import { Initial1795724715189 } from "./1795724715189-Initial";
import { LedgerIndex1796104000000 } from "./1796104000000-LedgerIndex";
import { ReviewKeyIndex1796106000000 } from "./1796106000000-ReviewKeyIndex";
/** The postgres migrations, oldest first. `npm run migration:generate -- <Name>` appends to this list. */
export const postgresMigrations: Function[] = [
  Initial1795724715189,
  Cases1795725501111,
  ProvisionalDues1796030282692,
  RecordsSeal1796030327376,
  LoginLock1796030341887,
  Supervision1796032593185,
  Fees1796032732915,
  FollowUpsInspections1796035942904,
  Assessment1796036883304,
  Paper1796040000000,
  InspectionWeight1796040050000,
  Workspaces1796040100000,
  HallReview1796040439229,
  SearchParties1796040486040,
  GuideSearch1796040554573,
  AdminScreens1796040801724,
  ApiTokenScopes1796044070833,
  Integrations1796044219535,
  WebhookSecretSealed1796102000000,
  WebhookHeld1796102001000,
  LedgerIndex1796104000000,
  ReviewKeyIndex1796106000000,
];
