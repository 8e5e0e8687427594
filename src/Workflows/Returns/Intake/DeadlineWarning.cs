namespace ExportTaxCheck.Returns.Intake;

/// <summary>E-05/E-06 (ours): a line whose goods have not returned and whose deadline is near (<see cref="ReturnsDomainOptions.DeadlineWarningDays"/>).</summary>
public sealed record DeadlineWarning(int LineNo, DateOnly Deadline, int DaysLeft);
