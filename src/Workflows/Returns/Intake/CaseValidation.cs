using System.Globalization;
using ExportTaxCheck.Engine.Notifications;
using ExportTaxCheck.Returns.Clearance;
using ExportTaxCheck.Returns.Evidence;

namespace ExportTaxCheck.Returns.Intake;

/// <summary>
/// What makes a return request invalid data (400, nothing written) as opposed to ineligible (a case that screening
/// closes, or holds for a correction): malformed fields (V-codes), an export line the reference data does not know, a
/// unit other than the legal unit, dates before the clock start. A quantity above what is left to return is created and
/// screened QTY_EXCEEDS_EXPORTED (E-11), for the exporter to correct.
/// </summary>
public static class CaseValidation
{
    public const string ExportLineNotFound = "EXPORT_LINE_NOT_FOUND";
    public const string DocumentTypeNotAllowed = "DOCUMENT_TYPE_NOT_ALLOWED";
    public const int MaxLines = 500;

    /// <summary>The evidence file columns' lengths (file name, content type).</summary>
    public const int MaxFileNameLength = 260;
    public const int MaxContentTypeLength = 200;

    public static List<ValidationIssue> ValidateRequest(CreateCaseRequest request, ReturnsDomainOptions options, long maxDocumentBytes, DateOnly today)
    {
        var issues = new List<ValidationIssue>();
        void Add(string code, string field, string message) => issues.Add(new ValidationIssue(code, field, message));

        if (!Identifiers.IsValidUscc(request.ExporterUscc))
            Add(ReasonCodes.InvalidUscc, "exporterUscc", "The exporter USCC must have 18 characters and a valid GB 32100 check character.");
        if (!Identifiers.IsValidCustomsRegistrationCode(request.ExporterCustomsCode))
            Add(ReasonCodes.FieldInvalid, "exporterCustomsCode", "The customs registration code has 10 digits or capital letters.");
        if (string.IsNullOrWhiteSpace(request.ExporterName) || request.ExporterName.Length > 200)
            Add(ReasonCodes.FieldInvalid, "exporterName", "The exporter name is required (at most 200 characters).");
        if (!Identifiers.IsValidTaxAuthorityCode(request.CompetentTaxAuthorityCode))
            Add(ReasonCodes.FieldInvalid, "competentTaxAuthorityCode", "The competent tax authority code has 11 digits.");
        if (request.IsEntrustedExport && !Identifiers.IsValidUscc(request.AgentUscc))
            Add(ReasonCodes.InvalidUscc, "agentUscc", "An entrusted export needs the agent's valid USCC.");
        if (!request.IsEntrustedExport && request.AgentUscc is { Length: > 0 })
            Add(ReasonCodes.FieldInvalid, "agentUscc", "An agent is named only for an entrusted export.");
        if (request.ContactEmail is { Length: > 0 } email && (email.Length > 254 || !Outbox.IsAddress(email.Trim())))
            Add(ReasonCodes.FieldInvalid, "contactEmail", "The contact e-mail is not a valid address.");
        if (!request.AttestationAccepted)
            Add(ReasonCodes.EvidenceIncompleteMissingAttestation, "attestationAccepted", "The authenticity attestation must be accepted to submit (§5.1).");

        var lines = request.Lines ?? [];
        if (lines.Count is 0 or > MaxLines)
            Add(ReasonCodes.FieldInvalid, "lines", $"A case has 1 to {MaxLines} lines.");
        foreach (var duplicate in lines.GroupBy(l => l.LineNo).Where(g => g.Count() > 1))
            Add(ReasonCodes.FieldInvalid, "lines", $"Line number {duplicate.Key} appears more than once.");
        foreach (var duplicate in lines.GroupBy(l => (l.ExportReference, l.ExportItemNo)).Where(g => g.Count() > 1))
            Add(ReasonCodes.FieldInvalid, "lines", $"Export line {duplicate.Key.ExportReference}/{duplicate.Key.ExportItemNo} appears on more than one case line.");

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var p = string.Create(CultureInfo.InvariantCulture, $"lines[{i}].");
            if (line.LineNo is < 1 or > MaxLines)
                Add(ReasonCodes.FieldInvalid, p + "lineNo", $"Line numbers run from 1 to {MaxLines}.");
            if (line.ExportDocType == ExportDocType.Declaration && !Identifiers.IsValidExportDeclarationNo(line.ExportDeclarationNo, null))
                Add(ReasonCodes.InvalidDeclarationNo, p + "exportDeclarationNo", "An export declaration number has 18 digits with 0 at position 9.");
            if (line.ExportDocType == ExportDocType.List && (string.IsNullOrWhiteSpace(line.ExportListNo) || line.ExportListNo.Length > 32))
                Add(ReasonCodes.FieldInvalid, p + "exportListNo", "A list-mode line needs the export list number (at most 32 characters).");
            if (line.ExportItemNo is < 1 or > 999)
                Add(ReasonCodes.FieldInvalid, p + "exportItemNo", "The export item number is 1..999.");
            if (line.ReturnedQty <= 0)
                Add(ReasonCodes.ReturnedQtyNotPositive, p + "returnedQty", "The returned quantity must be greater than zero.");
            if (line.ReturnUnitCode is null || !options.UnitCodes.Contains(line.ReturnUnitCode))
                Add(ReasonCodes.UnknownUnit, p + "returnUnitCode", "The unit code must be in the customs unit table.");
            if (line.Reason is null)
                Add(ReasonCodes.FieldInvalid, p + "reason", "The return reason is required (Unsold or CustomerReturn).");
            if (line.PlannedEntryDate is null)
                Add(ReasonCodes.FieldInvalid, p + "plannedEntryDate", "The expected return entry date is required.");
            if (line.ReturnHsCode is not null && !Identifiers.IsValidHsCode(line.ReturnHsCode))
                Add(ReasonCodes.InvalidHsCode, p + "returnHsCode", "An HS code has 10 digits.");
            if (!Money.IsValidAmount(line.DeclaredCifForeign))
                Add(ReasonCodes.InvalidAmount, p + "declaredCifForeign", "Amounts are not negative and have at most 2 decimals.");
            if (line.ReturnIntoNonZoneDate is { } nonZone && line.PlannedEntryDate is { } entry && nonZone < entry)
                Add(ReasonCodes.FieldInvalid, p + "returnIntoNonZoneDate", "Goods leave the area into the domestic non-zone area after they re-enter it.");
        }

        var lineNos = lines.Select(l => l.LineNo).ToHashSet();
        var documents = request.Documents ?? [];
        for (var i = 0; i < documents.Count; i++)
            ValidateDocument(documents[i], string.Create(CultureInfo.InvariantCulture, $"documents[{i}]."), lineNos, maxDocumentBytes, today, issues, upload: null);
        return issues;
    }

    public static void ValidateDocument(DocumentRequest document, string prefix, IReadOnlySet<int> lineNos, long maxBytes, DateOnly today, List<ValidationIssue> issues, UploadedFile? upload)
    {
        void Add(string code, string field, string message) => issues.Add(new ValidationIssue(code, prefix + field, message));
        if (document.Type is null)
            Add(ReasonCodes.FieldInvalid, "type", "The document type is required.");
        if (document.CoversLines is not { Count: > 0 } covers)
            Add(ReasonCodes.FieldInvalid, "coversLines", "Name the case lines the document covers.");
        else if (covers.FirstOrDefault(l => !lineNos.Contains(l)) is var unknown and > 0)
            Add(ReasonCodes.FieldInvalid, "coversLines", $"Line {unknown} is not part of the case.");
        if (document.Type is EvidenceType.PlatformReturnRecord or EvidenceType.PlatformRejectionRecord
            && (string.IsNullOrWhiteSpace(document.Platform) || string.IsNullOrWhiteSpace(document.PlatformOrderNo)))
            Add(ReasonCodes.FieldInvalid, "platform", "A platform record names the platform and the order number.");
        if (document.Type == EvidenceType.SelfDeclaration && string.IsNullOrWhiteSpace(document.SignedBy))
            Add(ReasonCodes.FieldInvalid, "signedBy", "A self-declaration is signed (name the signatory).");
        if (document.IssuedOn is { } issued && issued > today)
            Add(ReasonCodes.FieldInvalid, "issuedOn", "A document cannot be issued after today.");
        if (document.StatedQuantities?.Any(q => q.Qty <= 0) == true)
            Add(ReasonCodes.ReturnedQtyNotPositive, "statedQuantities", "Stated quantities are greater than zero.");
        var head = upload?.Content;
        if (upload is null && document.ContentBase64 is { Length: > 0 } b64)
        {
            var length = (long)b64.Length * 3 / 4;
            var decoded = new byte[length + 3];
            if (length > maxBytes)
                Add("DOCUMENT_TOO_LARGE", "contentBase64", $"A document may have at most {maxBytes / (1024 * 1024)} MiB.");
            else if (!Convert.TryFromBase64String(b64, decoded, out var written))
                Add(ReasonCodes.FieldInvalid, "contentBase64", "The content is not valid base64.");
            else
                head = decoded[..Math.Min(written, EvidenceFileTypes.SignatureLength)];
        }
        if (head is { Length: > 0 })
            ValidateFileType(head, upload?.ContentType ?? document.ContentType, Add);
        if (upload is not null && upload.Content.Length > maxBytes)
            Add("DOCUMENT_TOO_LARGE", "file", $"A document may have at most {maxBytes / (1024 * 1024)} MiB.");
        if (upload is { Content.Length: 0 })
            Add("DOCUMENT_EMPTY", "file", "The uploaded file is empty.");
        if ((upload?.FileName ?? document.FileName)?.Length > MaxFileNameLength)
            Add(ReasonCodes.FieldInvalid, "fileName", $"A file name has at most {MaxFileNameLength} characters.");
        else if ((upload?.FileName ?? document.FileName)?.Any(char.IsControl) == true)
            Add(ReasonCodes.FieldInvalid, "fileName", "A file name has no control characters (it goes into the download's header).");
        if ((upload?.ContentType ?? document.ContentType)?.Length > MaxContentTypeLength)
            Add(ReasonCodes.FieldInvalid, "contentType", $"A content type has at most {MaxContentTypeLength} characters.");
    }

    /// <summary>
    /// The file's bytes must be one of <see cref="EvidenceFileTypes"/>, and a declared content type must be that same type:
    /// a file cannot make itself <c>text/html</c>, and a type with CR/LF never reaches a response header.
    /// </summary>
    private static void ValidateFileType(ReadOnlySpan<byte> head, string? declared, Action<string, string, string> add)
    {
        var detected = EvidenceFileTypes.Detect(head);
        if (detected is null)
        {
            add(DocumentTypeNotAllowed, "file", $"Evidence files are PDF, JPEG, PNG, TIFF or OFD; these bytes are none of them ({string.Join(", ", EvidenceFileTypes.Allowed)}).");
            return;
        }
        if (declared is null || string.Equals(declared, EvidenceFileTypes.Binary, StringComparison.OrdinalIgnoreCase))
            return;
        var type = EvidenceFileTypes.Normalize(declared);
        if (type is null)
            add(ReasonCodes.FieldInvalid, "contentType", "The content type is not a media type (type/subtype, no control characters).");
        else if (type != detected)
            add(DocumentTypeNotAllowed, "contentType", $"The content type '{type}' is not what the file is ({detected}).");
    }

    /// <summary>
    /// Stage 2: attaches the original export line and its refund record to every line, and checks what only the
    /// reference data can tell (E-11 unit and quantity left, V-12 entry date after the clock start).
    /// </summary>
    public static async Task<List<ReturnCaseLine>> EnrichAsync(WorkflowDbContext db, CreateCaseRequest request, ReturnsDomainOptions options,
        List<ValidationIssue> issues, CancellationToken ct)
    {
        var lines = new List<ReturnCaseLine>();
        var requestLines = request.Lines ?? [];
        for (var i = 0; i < requestLines.Count; i++)
        {
            var line = requestLines[i];
            var p = string.Create(CultureInfo.InvariantCulture, $"lines[{i}].");
            var data = await ReferenceData.FindAsync(db, line.ExportReference!, line.ExportItemNo, ct);
            if (data is null)
            {
                issues.Add(new ValidationIssue(ExportLineNotFound, p + "exportItemNo", $"Export line {line.ExportReference}/{line.ExportItemNo} is not in the customs data."));
                continue;
            }
            var export = data.Export;
            if (line.ReturnUnitCode != export.LegalUnitCode)
                issues.Add(new ValidationIssue(ReasonCodes.UnitMismatch, p + "returnUnitCode", $"The unit must be the legal unit of the export line ({export.LegalUnitCode})."));

            // E-11's quantity is a screening result (§2.5: "line ineligible until corrected"), not a refusal of the request.
            if (ReturnWindow.ClockStart(export) is { } clockStart && line.PlannedEntryDate is { } planned && planned < clockStart)
                issues.Add(new ValidationIssue(ReasonCodes.EntryBeforeClockStart, p + "plannedEntryDate", $"The goods cannot return before they left ({clockStart:yyyy-MM-dd})."));

            lines.Add(new ReturnCaseLine
            {
                LineNo = line.LineNo,
                Export = export,
                Refund = data.Refund,
                ReturnedQty = line.ReturnedQty,
                ReturnUnitCode = line.ReturnUnitCode!,
                Reason = line.Reason!.Value,
                PlannedEntryDate = line.PlannedEntryDate,
                Destination = line.Destination,
                ReturnIntoNonZoneDate = line.ReturnIntoNonZoneDate,
                ReturnHsCode = line.ReturnHsCode,
                ReturnGoodsName = line.ReturnGoodsName,
                IsFoodOverride = line.IsFoodOverride,
                OriginalState = new OriginalStateFacts
                {
                    FormBasicallySame = line.FormBasicallySame,
                    AccessoriesOrPartsAdded = line.AccessoriesAdded,
                    ProcessedOrModified = line.ProcessedOrModified,
                    HandlingPerformed = (line.HandlingPerformed ?? []).ToHashSet(),
                    Used = line.Used,
                    UsageException = line.UsageException,
                },
                DeclaredCifForeign = line.DeclaredCifForeign,
            });
        }
        return lines;
    }
}
