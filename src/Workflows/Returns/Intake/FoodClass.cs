namespace ExportTaxCheck.Returns.Intake;

public enum FoodClass
{
    NotFood,
    Food,
    NeedsReview,
}
