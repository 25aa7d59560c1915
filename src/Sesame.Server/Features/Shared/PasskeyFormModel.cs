namespace Sesame.Server.Features.Shared;

/// <summary>
/// A form that runs a WebAuthn ceremony with the page's script: <paramref name="Ceremony"/> is <c>get</c>
/// (sign in) or <c>create</c> (register). The form posts to <paramref name="Action"/>; its script first fetches
/// the challenge from <paramref name="OptionsUrl"/>.
/// </summary>
public sealed record PasskeyFormModel(string Action, string OptionsUrl, string Ceremony, string ButtonKey, bool AskName = false);
