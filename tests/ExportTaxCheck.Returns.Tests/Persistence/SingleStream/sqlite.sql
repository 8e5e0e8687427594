-- The schema of the single migration stream (the engine and the return case in one), as `dotnet ef migrations script` wrote it at
-- fc78242 before that stream was split. The adoption tests build a database as that release left it from this script.
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "ActivityExecutions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ActivityExecutions" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "ActivityType" TEXT NOT NULL,
    "ActivityName" TEXT NULL,
    "ActivityNodeId" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Attempt" INTEGER NOT NULL,
    "StartedAt" INTEGER NOT NULL,
    "CompletedAt" INTEGER NULL,
    "Outcomes" TEXT NULL,
    "Payload" TEXT NULL,
    "Outputs" TEXT NULL,
    "Exception" TEXT NULL,
    "HasBookmarks" INTEGER NOT NULL,
    "Sequence" INTEGER NOT NULL
);

CREATE TABLE "Bookmarks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Bookmarks" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "ActivityExecutionId" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "CorrelationId" TEXT NULL,
    "Payload" TEXT NULL,
    "DueAt" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "ClosedAt" INTEGER NULL
);

CREATE TABLE "HumanTasks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_HumanTasks" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "ActivityExecutionId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NULL,
    "CorrelationId" TEXT NULL,
    "CandidateRole" TEXT NOT NULL,
    "CandidateUsers" TEXT NULL,
    "Assignee" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Priority" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DueAt" INTEGER NULL,
    "FollowUpAt" INTEGER NULL,
    "Outcomes" TEXT NOT NULL,
    "Form" TEXT NULL,
    "CompletedAt" INTEGER NULL,
    "CompletedBy" TEXT NULL,
    "Outcome" TEXT NULL,
    "Result" TEXT NULL,
    "Comment" TEXT NULL,
    "Revision" INTEGER NOT NULL
);

CREATE TABLE "IdempotencyKeys" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_IdempotencyKeys" PRIMARY KEY,
    "Operation" TEXT NOT NULL,
    "RequestHash" TEXT NOT NULL,
    "StatusCode" INTEGER NOT NULL,
    "Response" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "PendingEvents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PendingEvents" PRIMARY KEY,
    "EventName" TEXT NOT NULL,
    "CorrelationId" TEXT NULL,
    "InstanceId" TEXT NULL,
    "Payload" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ProcessedAt" INTEGER NULL
);

CREATE TABLE "Triggers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Triggers" PRIMARY KEY,
    "DefinitionId" TEXT NOT NULL,
    "DefinitionVersionId" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "Payload" TEXT NULL,
    "NextDueAt" INTEGER NULL
);

CREATE TABLE "WorkflowDefinitions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowDefinitions" PRIMARY KEY,
    "DefinitionId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Name" TEXT NULL,
    "Description" TEXT NULL,
    "IsLatest" INTEGER NOT NULL,
    "IsPublished" INTEGER NOT NULL,
    "IsSystem" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "Data" TEXT NOT NULL,
    "ContentHash" TEXT NOT NULL,
    "Revision" INTEGER NOT NULL
);

CREATE TABLE "WorkflowInstances" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowInstances" PRIMARY KEY,
    "DefinitionId" TEXT NOT NULL,
    "DefinitionVersionId" TEXT NOT NULL,
    "DefinitionVersion" INTEGER NOT NULL,
    "Name" TEXT NULL,
    "CorrelationId" TEXT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "FinishedAt" INTEGER NULL,
    "IncidentCount" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "Revision" INTEGER NOT NULL,
    "ParentInstanceId" TEXT NULL
);

CREATE INDEX "IX_ActivityExecutions_InstanceId_Sequence" ON "ActivityExecutions" ("InstanceId", "Sequence");

CREATE INDEX "IX_Bookmarks_DueAt" ON "Bookmarks" ("DueAt") WHERE "DueAt" IS NOT NULL AND "Status" = 'Active';

CREATE INDEX "IX_Bookmarks_Hash_Status" ON "Bookmarks" ("Hash", "Status");

CREATE INDEX "IX_Bookmarks_InstanceId" ON "Bookmarks" ("InstanceId");

CREATE INDEX "IX_HumanTasks_Assignee_Status" ON "HumanTasks" ("Assignee", "Status");

CREATE INDEX "IX_HumanTasks_CorrelationId" ON "HumanTasks" ("CorrelationId");

CREATE INDEX "IX_HumanTasks_InstanceId" ON "HumanTasks" ("InstanceId");

CREATE INDEX "IX_HumanTasks_Status_CandidateRole_DueAt" ON "HumanTasks" ("Status", "CandidateRole", "DueAt");

CREATE INDEX "IX_IdempotencyKeys_CreatedAt" ON "IdempotencyKeys" ("CreatedAt");

CREATE INDEX "IX_PendingEvents_ProcessedAt" ON "PendingEvents" ("ProcessedAt");

CREATE INDEX "IX_Triggers_DefinitionId" ON "Triggers" ("DefinitionId");

CREATE INDEX "IX_Triggers_Hash" ON "Triggers" ("Hash");

CREATE INDEX "IX_Triggers_NextDueAt" ON "Triggers" ("NextDueAt");

CREATE INDEX "IX_WorkflowDefinitions_DefinitionId_IsLatest" ON "WorkflowDefinitions" ("DefinitionId", "IsLatest");

CREATE INDEX "IX_WorkflowDefinitions_DefinitionId_IsPublished" ON "WorkflowDefinitions" ("DefinitionId", "IsPublished");

CREATE UNIQUE INDEX "IX_WorkflowDefinitions_DefinitionId_Version" ON "WorkflowDefinitions" ("DefinitionId", "Version");

CREATE INDEX "IX_WorkflowDefinitions_Name" ON "WorkflowDefinitions" ("Name");

CREATE INDEX "IX_WorkflowInstances_CorrelationId" ON "WorkflowInstances" ("CorrelationId");

CREATE INDEX "IX_WorkflowInstances_CreatedAt" ON "WorkflowInstances" ("CreatedAt");

CREATE INDEX "IX_WorkflowInstances_DefinitionId_Status" ON "WorkflowInstances" ("DefinitionId", "Status");

CREATE INDEX "IX_WorkflowInstances_Status_UpdatedAt" ON "WorkflowInstances" ("Status", "UpdatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122212442_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "HumanTasks" ADD "ActivityType" TEXT NULL;

CREATE TABLE "Certificates" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Certificates" PRIMARY KEY,
    "CertificateNo" TEXT NULL,
    "CaseId" TEXT NOT NULL,
    "ExportDocNo" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "Revision" INTEGER NOT NULL,
    "Data" TEXT NOT NULL,
    "UsageReportedAt" INTEGER NULL
);

CREATE TABLE "CustomsCertificates" (
    "CertificateNo" TEXT NOT NULL CONSTRAINT "PK_CustomsCertificates" PRIMARY KEY,
    "MessageId" TEXT NOT NULL,
    "ReceivedAt" INTEGER NOT NULL,
    "Data" TEXT NOT NULL
);

CREATE TABLE "EvidenceFiles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_EvidenceFiles" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "Content" BLOB NOT NULL,
    "UploadedAt" INTEGER NOT NULL
);

CREATE TABLE "ExportLines" (
    "ExportDocNo" TEXT NOT NULL,
    "ItemNo" INTEGER NOT NULL,
    "ExporterUscc" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "Data" TEXT NOT NULL,
    CONSTRAINT "PK_ExportLines" PRIMARY KEY ("ExportDocNo", "ItemNo")
);

CREATE TABLE "ReturnCases" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ReturnCases" PRIMARY KEY,
    "ExporterUscc" TEXT NOT NULL,
    "ExporterName" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "PolicyVersionId" TEXT NULL,
    "WorkflowInstanceId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "Revision" INTEGER NOT NULL,
    "Data" TEXT NOT NULL
);

CREATE TABLE "ReturnLineClaims" (
    "CaseId" TEXT NOT NULL,
    "LineNo" INTEGER NOT NULL,
    "ExportDocNo" TEXT NOT NULL,
    "ExportItemNo" INTEGER NOT NULL,
    "ReturnedQty" TEXT NOT NULL,
    "Counts" INTEGER NOT NULL,
    "MakeUpVat" TEXT NULL,
    "MakeUpCt" TEXT NULL,
    "FobCnyReturned" TEXT NULL,
    "ExportDutyRefund" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_ReturnLineClaims" PRIMARY KEY ("CaseId", "LineNo")
);

CREATE TABLE "Sequences" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_Sequences" PRIMARY KEY,
    "Value" INTEGER NOT NULL
);

CREATE TABLE "UsageFeedback" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_UsageFeedback" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "CertificateNo" TEXT NOT NULL,
    "ReturnDeclarationNo" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "DeliveredAt" INTEGER NULL,
    "LastError" TEXT NULL,
    "Data" TEXT NOT NULL
);

CREATE INDEX "IX_Certificates_CaseId" ON "Certificates" ("CaseId");

CREATE UNIQUE INDEX "IX_Certificates_CertificateNo" ON "Certificates" ("CertificateNo");

CREATE INDEX "IX_Certificates_ExportDocNo" ON "Certificates" ("ExportDocNo");

CREATE INDEX "IX_EvidenceFiles_CaseId" ON "EvidenceFiles" ("CaseId");

CREATE INDEX "IX_ExportLines_ExporterUscc" ON "ExportLines" ("ExporterUscc");

CREATE INDEX "IX_ReturnCases_CreatedAt" ON "ReturnCases" ("CreatedAt");

CREATE INDEX "IX_ReturnCases_ExporterUscc_CreatedAt" ON "ReturnCases" ("ExporterUscc", "CreatedAt");

CREATE INDEX "IX_ReturnCases_Status_CreatedAt" ON "ReturnCases" ("Status", "CreatedAt");

CREATE INDEX "IX_ReturnLineClaims_ExportDocNo_ExportItemNo" ON "ReturnLineClaims" ("ExportDocNo", "ExportItemNo");

CREATE INDEX "IX_UsageFeedback_CaseId" ON "UsageFeedback" ("CaseId");

CREATE INDEX "IX_UsageFeedback_Status_NextAttemptAt" ON "UsageFeedback" ("Status", "NextAttemptAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122225215_ReturnCases', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "HumanTasks" ADD "ClaimedAt" INTEGER NULL;

ALTER TABLE "HumanTasks" ADD "EscalateAt" INTEGER NULL;

ALTER TABLE "HumanTasks" ADD "EscalateTo" TEXT NULL;

ALTER TABLE "HumanTasks" ADD "EscalatedAt" INTEGER NULL;

ALTER TABLE "HumanTasks" ADD "RemindAt" INTEGER NULL;

ALTER TABLE "HumanTasks" ADD "RemindedAt" INTEGER NULL;

CREATE TABLE "OfficerNotifications" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OfficerNotifications" PRIMARY KEY AUTOINCREMENT,
    "Recipient" TEXT NULL,
    "RecipientRole" TEXT NULL,
    "TaskId" TEXT NOT NULL,
    "CaseId" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL
);

CREATE TABLE "TaskAudit" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TaskAudit" PRIMARY KEY AUTOINCREMENT,
    "TaskId" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Detail" TEXT NULL
);

CREATE TABLE "TaskComments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TaskComments" PRIMARY KEY AUTOINCREMENT,
    "TaskId" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "Author" TEXT NOT NULL,
    "Text" TEXT NOT NULL
);

CREATE TABLE "Users" (
    "UserName" TEXT NOT NULL CONSTRAINT "PK_Users" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "Email" TEXT NULL,
    "Roles" TEXT NOT NULL,
    "PasswordHash" TEXT NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "FailedSignIns" INTEGER NOT NULL,
    "LockedUntil" INTEGER NULL,
    "LastSignInAt" INTEGER NULL
);

CREATE INDEX "IX_HumanTasks_Status_CompletedAt" ON "HumanTasks" ("Status", "CompletedAt");

CREATE INDEX "IX_HumanTasks_Status_EscalateAt" ON "HumanTasks" ("Status", "EscalateAt");

CREATE INDEX "IX_HumanTasks_Status_RemindAt" ON "HumanTasks" ("Status", "RemindAt");

CREATE INDEX "IX_OfficerNotifications_Recipient_Id" ON "OfficerNotifications" ("Recipient", "Id");

CREATE INDEX "IX_OfficerNotifications_RecipientRole_Id" ON "OfficerNotifications" ("RecipientRole", "Id");

CREATE INDEX "IX_TaskAudit_TaskId_Id" ON "TaskAudit" ("TaskId", "Id");

CREATE INDEX "IX_TaskComments_TaskId_Id" ON "TaskComments" ("TaskId", "Id");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122233915_OfficerWorkspace', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Outbox" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Outbox" PRIMARY KEY,
    "MessageId" TEXT NOT NULL,
    "Template" TEXT NULL,
    "CaseId" TEXT NULL,
    "CaseEventIndex" INTEGER NULL,
    "InstanceId" TEXT NULL,
    "Snapshot" TEXT NULL,
    "SendIfStatus" TEXT NULL,
    "From" TEXT NULL,
    "To" TEXT NOT NULL,
    "Cc" TEXT NULL,
    "Bcc" TEXT NULL,
    "Subject" TEXT NULL,
    "TextBody" TEXT NULL,
    "HtmlBody" TEXT NULL,
    "Attachments" TEXT NULL,
    "Status" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "LeaseUntil" INTEGER NULL,
    "SentAt" INTEGER NULL,
    "LastError" TEXT NULL,
    "Revision" INTEGER NOT NULL
);

CREATE INDEX "IX_Outbox_CaseId" ON "Outbox" ("CaseId");

CREATE UNIQUE INDEX "IX_Outbox_MessageId" ON "Outbox" ("MessageId");

CREATE INDEX "IX_Outbox_Status_NextAttemptAt" ON "Outbox" ("Status", "NextAttemptAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123003043_Outbox', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "WorkflowInstances" ADD "LeaseUntil" INTEGER NULL;

ALTER TABLE "Bookmarks" ADD "LeaseUntil" INTEGER NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202102209_WorkLeases', '10.0.15');

COMMIT;

