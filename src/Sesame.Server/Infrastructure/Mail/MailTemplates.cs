using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;

namespace Sesame.Server.Infrastructure.Mail;

/// <summary>
/// The messages Sesame mails, in the person's current language. Each has a stable template code, which is
/// all that logs and the outbox table show of it.
/// </summary>
public sealed class MailTemplates(IStringLocalizer<SharedResource> text)
{
    public const string ConfirmEmail = "Account.ConfirmEmail";
    public const string SignInCode = "SignIn.Code";
    public const string PasswordReset = "Account.PasswordReset";
    public const string PasswordChanged = "Account.PasswordChanged";
    public const string AccountLocked = "SignIn.AccountLocked";

    /// <summary>Seed 001's mail: "Validez votre adresse courriel à l'aide du code de sécurité ci-dessous".</summary>
    public MailContent ConfirmEmailCode(string to, string code) =>
        Compose(to, "Mail.ConfirmEmail.Subject", ["Mail.ConfirmEmail.Intro"], Spaced(code), ["Mail.Code.Expiry", "Mail.Code.DoNotShare"]);

    public MailContent SignInCodeMail(string to, string code) =>
        Compose(to, "Mail.SignInCode.Subject", ["Mail.SignInCode.Intro"], Spaced(code), ["Mail.Code.Expiry", "Mail.Code.DoNotShare", "Mail.NotYou"]);

    public MailContent PasswordResetLink(string to, string link) =>
        Compose(to, "Mail.PasswordReset.Subject", ["Mail.PasswordReset.Intro"], link, ["Mail.PasswordReset.Expiry", "Mail.PasswordReset.Ignore"]);

    public MailContent PasswordChangedAlert(string to) =>
        Compose(to, "Mail.PasswordChanged.Subject", ["Mail.PasswordChanged.Intro", "Mail.PasswordChanged.Sessions"], null, ["Mail.NotYou"]);

    public MailContent AccountLockedAlert(string to) =>
        Compose(to, "Mail.AccountLocked.Subject", ["Mail.AccountLocked.Intro"], null, ["Mail.NotYou"]);

    /// <summary>"996729" → "996 729", as the seed's mail shows it.</summary>
    private static string Spaced(string code) => code.Length == 6 ? $"{code[..3]} {code[3..]}" : code;

    private MailContent Compose(string to, string subjectKey, string[] before, string? highlight, string[] after)
    {
        var plain = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        foreach (var key in before)
        {
            Paragraph(plain, html, text[key]);
        }

        if (highlight is not null)
        {
            plain.AppendLine(highlight).AppendLine();
            html.Append("<p style=\"font-size:1.5em;font-weight:bold\">").Append(HtmlEncoder.Default.Encode(highlight)).Append("</p>");
        }

        foreach (var key in after)
        {
            Paragraph(plain, html, text[key]);
        }

        Paragraph(plain, html, text["Mail.Signature"]);
        html.Append("</body></html>");
        return new MailContent(to, text[subjectKey], plain.ToString(), html.ToString());
    }

    private static void Paragraph(StringBuilder plain, StringBuilder html, string value)
    {
        plain.AppendLine(value).AppendLine();
        html.Append("<p>").Append(HtmlEncoder.Default.Encode(value)).Append("</p>");
    }
}
