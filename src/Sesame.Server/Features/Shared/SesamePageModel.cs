using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Data;
using Sesame.Server.Infrastructure.Localization;

namespace Sesame.Server.Features.Shared;

/// <summary>
/// The base of every page with a form. The language switch of such a page submits the form to
/// <see cref="OnPostLanguageAsync"/>, which re-renders the page in the other language with what the person
/// typed (quality.md: "the language switch keeps the page and its form state"), without JavaScript.
/// Passwords are never written back into a page.
/// </summary>
public abstract class SesamePageModel : PageModel
{
    private IStringLocalizer? _text;

    /// <summary>The id of the page's main form, which the language switch submits.</summary>
    public const string FormId = "page-form";

    /// <summary>
    /// Where the page's form posts: this page, with its query but without the language switch's own
    /// parameters, so that a submit after switching the language is a submit, not another switch.
    /// </summary>
    public string FormAction
    {
        get
        {
            var query = Request.Query
                .Where(p => p.Key is not ("handler" or "culture"))
                .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));
            return Request.Path + QueryString.Create(query).ToUriComponent();
        }
    }

    protected IStringLocalizer Text => _text ??= HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    /// <summary>Adds an audit record, from this request's address, to the unit of work saved next (issue 7).</summary>
    protected void Audit(AuditEvent audit) => HttpContext.RequestServices.GetRequiredService<AuditTrail>().Record(audit);

    /// <summary>
    /// A wrong password, answer or code on the way in: counted towards the account's lockout and recorded, both or
    /// neither (quality.md "sign-in": 5 failures lock the account for 15 minutes).
    /// </summary>
    protected async Task RecordFailedSignInAsync(SesameUser user, CancellationToken cancellationToken)
    {
        var db = HttpContext.RequestServices.GetRequiredService<SesameDbContext>();
        await using var failure = await db.Database.BeginTransactionAsync(cancellationToken);
        await HttpContext.RequestServices.GetRequiredService<UserManager<SesameUser>>().AccessFailedAsync(user);
        Audit(new SignInFailed { Subject = user.Id });
        await db.SaveChangesAsync(cancellationToken);
        await failure.CommitAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostLanguageAsync(string? culture)
    {
        Languages.Remember(HttpContext, Languages.IsSupported(culture) ? culture! : Languages.French);
        ModelState.Clear();
        return await ReloadAsync() ?? Page();
    }

    /// <summary>Loads what the page shows besides the form; return a result to leave the page instead.</summary>
    protected virtual Task<IActionResult?> ReloadAsync() => Task.FromResult<IActionResult?>(null);

    /// <summary>The form is shown again with the reasons it was refused, answered as bad input (400).</summary>
    protected PageResult Rejected()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    /// <summary>
    /// What was typed in these fields is not written back into the page (secrets such as security answers); their
    /// errors stay.
    /// </summary>
    protected void ForgetTyped(IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            if (ModelState.TryGetValue(field, out var entry))
            {
                entry.AttemptedValue = null;
                entry.RawValue = null;
            }
        }
    }

    /// <summary>
    /// A new password and its confirmation (fields <c>Input.Password</c> and <c>Input.ConfirmPassword</c>): the
    /// population's broken rules on the first, a mismatch on the second.
    /// </summary>
    protected void AddNewPasswordErrors(IEnumerable<string> brokenRules, string? password, string? confirmation)
    {
        AddRuleErrors("Input.Password", brokenRules);
        if (!string.IsNullOrEmpty(password) && password != confirmation)
        {
            AddRuleErrors("Input.ConfirmPassword", [AccountRuleCodes.PasswordMismatch]);
        }
    }

    /// <summary>Adds the localized text of each broken rule to a field.</summary>
    protected void AddRuleErrors(string field, IEnumerable<string> ruleCodes)
    {
        foreach (var code in ruleCodes)
        {
            ModelState.AddModelError(field, Text[code]);
        }
    }
}
