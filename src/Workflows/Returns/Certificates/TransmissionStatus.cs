namespace ExportTaxCheck.Returns.Certificates;

public enum TransmissionStatus
{
    Pending,
    Delivered,
    FailedValidation,
    FailedInfrastructure,
}
