namespace ExportTaxCheck.Host.Localization;

/// <summary>
/// The workspace's own words (menus, labels, buttons), looked up with <c>IStringLocalizer&lt;UiTexts&gt;</c>: the key is
/// the English text, <c>UiTexts.zh-CN.resx</c> holds the Chinese. The case's vocabulary is in
/// <see cref="ExportTaxCheck.Returns.Shared.DisplayTexts"/>.
/// </summary>
public sealed class UiTexts;
