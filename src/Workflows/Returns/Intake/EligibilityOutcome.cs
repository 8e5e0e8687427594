namespace ExportTaxCheck.Returns.Intake;

public enum EligibilityOutcome
{
    Eligible,
    Ineligible,
    NeedsReview,
}
