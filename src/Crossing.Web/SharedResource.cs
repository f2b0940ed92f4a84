namespace Crossing.Web;

/// <summary>
/// Marker for the shared UI strings in Resources/SharedResource.resx (English) and SharedResource.ko.resx (Korean).
/// Inject <c>IStringLocalizer&lt;SharedResource&gt;</c>; every page has it as <c>L</c> through _ViewImports.
/// </summary>
public sealed class SharedResource;
