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
    public const string NewPlace = "SignIn.NewPlace";
    public const string ChangeEmailCode = "Manage.ChangeEmailCode";
    public const string EmailChanged = "Manage.EmailChanged";
    public const string FactorsChanged = "Manage.FactorsChanged";
    public const string ReverifyCode = "Manage.ReverifyCode";
    public const string ClosureScheduled = "Manage.ClosureScheduled";
    public const string RecoveryRequested = "Recovery.Requested";
    public const string RecoveryCompleted = "Recovery.Completed";
    public const string AccountSecured = "Manage.AccountSecured";
    public const string Invitation = "Organizations.Invitation";
    public const string AccessRequestConfirmation = "AccessRequests.Confirmation";
    public const string AccessRequestUsername = "AccessRequests.Username";
    public const string AccessRequestTemporaryPassword = "AccessRequests.TemporaryPassword";
    public const string AccessRequestGranted = "AccessRequests.Granted";
    public const string AccessRequestRejected = "AccessRequests.Rejected";

    /// <summary>
    /// To the authorizer of seed 003's section 3: a request names them; the link shows it and asks "Je confirme" or
    /// "Je refuse". Neither the user's nor the authorizer's name is in it (the mail may be read by others).
    /// </summary>
    public MailContent AccessRequestConfirmationMail(string to, string reference, string link) =>
        Message(to, "Mail.AccessRequest.Confirmation.Subject",
            (text["Mail.AccessRequest.Confirmation.Intro", reference], false),
            (text["Mail.AccessRequest.Confirmation.Action"], false),
            (link, false),
            (text["Mail.AccessRequest.Confirmation.Expiry"], false),
            (text["Mail.AccessRequest.Confirmation.Unknown"], false));

    /// <summary>Seed 003: "c'est à la personne qui autorise la demande d'accès que nous fournirons le nom d'utilisateur".</summary>
    public MailContent AccessRequestUsernameMail(string to, string reference, string username) =>
        Message(to, "Mail.AccessRequest.Username.Subject",
            (text["Mail.AccessRequest.Username.Intro", reference], false),
            (username, true),
            (text["Mail.AccessRequest.Username.Transmit"], false),
            (text["Mail.AccessRequest.Username.Password"], false));

    /// <summary>Seed 003: "Nous transmettrons par courriel à l'utilisateur son mot de passe temporaire."</summary>
    public MailContent AccessRequestTemporaryPasswordMail(string to, string reference, string password, string signIn) =>
        Message(to, "Mail.AccessRequest.Password.Subject",
            (text["Mail.AccessRequest.Password.Intro", reference], false),
            (password, true),
            (text["Mail.AccessRequest.Password.Username"], false),
            (text["Mail.AccessRequest.Password.FirstSignIn"], false),
            (signIn, false),
            (text["Mail.AccessRequest.Password.DoNotShare"], false));

    /// <summary>An approval for someone who already had a username: nothing new to hand over.</summary>
    public MailContent AccessRequestGrantedMail(string to, string reference, string signIn) =>
        Message(to, "Mail.AccessRequest.Granted.Subject",
            (text["Mail.AccessRequest.Granted.Intro", reference], false),
            (signIn, false));

    /// <summary>The operator's reason, as typed, so the people concerned know what to correct.</summary>
    public MailContent AccessRequestRejectedMail(string to, string reference, string reason) =>
        Message(to, "Mail.AccessRequest.Rejected.Subject",
            (text["Mail.AccessRequest.Rejected.Intro", reference], false),
            (reason, false),
            (text["Mail.AccessRequest.Rejected.Again"], false));

    /// <summary>Paragraphs already localized; a highlighted one (a username, a password) is shown large.</summary>
    private MailContent Message(string to, string subjectKey, params (string Text, bool Highlight)[] parts)
    {
        var plain = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        foreach (var (value, highlight) in parts)
        {
            if (highlight)
            {
                plain.AppendLine(value).AppendLine();
                html.Append("<p style=\"font-size:1.5em;font-weight:bold\">").Append(HtmlEncoder.Default.Encode(value)).Append("</p>");
            }
            else
            {
                Paragraph(plain, html, value);
            }
        }

        Paragraph(plain, html, text["Mail.Signature"]);
        html.Append("</body></html>");
        return new MailContent(to, text[subjectKey], plain.ToString(), html.ToString());
    }

    /// <summary>
    /// Seed 004's mail ("Demande d'accès aux services en ligne"): the person's title, the representative named as
    /// the one who will hand over the secret code, and the link to create the account (or to sign in and accept
    /// for a person who has one). The code itself is never in it.
    /// </summary>
    public MailContent InvitationMail(string to, string title, string representative, string link, bool hasAccount)
    {
        var action = text[hasAccount ? "Mail.Invitation.SignInButton" : "Mail.Invitation.CreateButton"].Value;
        string[] paragraphs =
        [
            text["Mail.Invitation.Greeting", title],
            text["Mail.Invitation.Intro"],
            text[hasAccount ? "Mail.Invitation.SignIn" : "Mail.Invitation.Create"],
            text[hasAccount ? "Mail.Invitation.CodeExisting" : "Mail.Invitation.Code", representative],
        ];
        var plain = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        foreach (var paragraph in paragraphs)
        {
            Paragraph(plain, html, paragraph);
        }

        plain.AppendLine(action).AppendLine(link).AppendLine();
        html.Append("<p><a href=\"").Append(HtmlEncoder.Default.Encode(link)).Append("\">").Append(HtmlEncoder.Default.Encode(action)).Append("</a></p>");
        Paragraph(plain, html, text["Mail.Invitation.Trouble"]);
        Paragraph(plain, html, link);
        Paragraph(plain, html, text["Mail.Invitation.Expiry"]);
        Paragraph(plain, html, text["Mail.Signature"]);
        Paragraph(plain, html, text["Mail.Invitation.NoReply"]);
        html.Append("</body></html>");
        return new MailContent(to, text["Mail.Invitation.Subject"], plain.ToString(), html.ToString());
    }

    /// <summary>Seed 001's mail: "Validez votre adresse courriel à l'aide du code de sécurité ci-dessous".</summary>
    public MailContent ConfirmEmailCode(string to, string code) =>
        Compose(to, "Mail.ConfirmEmail.Subject", ["Mail.ConfirmEmail.Intro"], Spaced(code), ["Mail.Code.Expiry", "Mail.Code.DoNotShare"]);

    public MailContent SignInCodeMail(string to, string code) =>
        Compose(to, "Mail.SignInCode.Subject", ["Mail.SignInCode.Intro"], Spaced(code), ["Mail.Code.Expiry", "Mail.Code.DoNotShare", "Mail.NotYou"]);

    public MailContent PasswordResetLink(string to, string link) =>
        Compose(to, "Mail.PasswordReset.Subject", ["Mail.PasswordReset.Intro"], link, ["Mail.PasswordReset.Expiry", "Mail.PasswordReset.Ignore"]);

    public MailContent PasswordChangedAlert(string to, string notMe) =>
        Alert(to, "Mail.PasswordChanged.Subject", ["Mail.PasswordChanged.Intro", "Mail.PasswordChanged.Sessions"], notMe);

    public MailContent AccountLockedAlert(string to, string notMe) =>
        Alert(to, "Mail.AccountLocked.Subject", ["Mail.AccountLocked.Intro"], notMe);

    /// <summary>A sign-in from a place not seen before, for a person who turned location alerts on (issue 5).</summary>
    public MailContent NewPlaceAlert(string to, string place, string notMe) =>
        Compose(to, "Mail.NewPlace.Subject", ["Mail.NewPlace.Intro"], place, ["Mail.NewPlace.Approximate", "Mail.NotMe.Intro", notMe], literalAfter: 1);

    /// <summary>Sent to the new address: the code that confirms it.</summary>
    public MailContent ChangeEmailCodeMail(string to, string code) =>
        Compose(to, "Mail.ChangeEmail.Subject", ["Mail.ChangeEmail.Intro"], Spaced(code), ["Mail.Code.Expiry", "Mail.Code.DoNotShare"]);

    /// <summary>Sent to the old address once the new one replaced it.</summary>
    public MailContent EmailChangedAlert(string to, string newAddress, string notMe) =>
        Compose(to, "Mail.EmailChanged.Subject", ["Mail.EmailChanged.Intro"], newAddress, ["Mail.NotMe.Intro", notMe], literalAfter: 1);

    public MailContent FactorsChangedAlert(string to, string notMe) =>
        Alert(to, "Mail.FactorsChanged.Subject", ["Mail.FactorsChanged.Intro"], notMe);

    public MailContent ReverifyCodeMail(string to, string code) =>
        Compose(to, "Mail.Reverify.Subject", ["Mail.Reverify.Intro"], Spaced(code), ["Mail.Code.Expiry", "Mail.Code.DoNotShare", "Mail.NotYou"]);

    public MailContent ClosureScheduledAlert(string to, string deletionDate, string notMe) =>
        Compose(to, "Mail.Closure.Subject", ["Mail.Closure.Intro"], deletionDate, ["Mail.Closure.Cancel", "Mail.NotMe.Intro", notMe], literalAfter: 1);

    public MailContent RecoveryRequestedAlert(string to, string availableDate, string notMe) =>
        Compose(to, "Mail.Recovery.Subject", ["Mail.Recovery.Intro"], availableDate, ["Mail.Recovery.Then", "Mail.NotMe.Intro", notMe], literalAfter: 1);

    public MailContent RecoveryCompletedAlert(string to, string notMe) =>
        Alert(to, "Mail.RecoveryCompleted.Subject", ["Mail.RecoveryCompleted.Intro"], notMe);

    /// <summary>After "ce n'était pas moi": every session ended, and the link to choose a new password.</summary>
    public MailContent AccountSecuredMail(string to, string resetLink) =>
        Compose(to, "Mail.Secured.Subject", ["Mail.Secured.Intro"], resetLink, ["Mail.PasswordReset.Expiry"]);

    /// <summary>An alert about the account, ending with the "ce n'était pas moi" link.</summary>
    private MailContent Alert(string to, string subjectKey, string[] before, string notMe) =>
        Compose(to, subjectKey, before, null, ["Mail.NotMe.Intro", notMe], literalAfter: 1);

    /// <summary>"996729" → "996 729", as the seed's mail shows it.</summary>
    private static string Spaced(string code) => code.Length == 6 ? $"{code[..3]} {code[3..]}" : code;

    /// <param name="literalAfter">How many of the last <paramref name="after"/> entries are text as it is (a link), not resource keys.</param>
    private MailContent Compose(string to, string subjectKey, string[] before, string? highlight, string[] after, int literalAfter = 0)
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

        for (var i = 0; i < after.Length; i++)
        {
            Paragraph(plain, html, i >= after.Length - literalAfter ? after[i] : text[after[i]]);
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
