namespace Sesame.Server;

/// <summary>
/// Marker for the one set of UI strings: Resources/SharedResource.fr.resx and .en.resx. Keys are stable
/// message codes; a parity test keeps both languages with the same keys and placeholders.
/// </summary>
public sealed class SharedResource;
