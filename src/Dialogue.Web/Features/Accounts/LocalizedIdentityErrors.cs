using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Accounts;

/// <summary>Identity's messages (password rules, duplicate address, bad link) in the visitor's language.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<Text> text) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() =>
        Error(nameof(DefaultError), text["Something went wrong. Please try again."]);

    public override IdentityError ConcurrencyFailure() =>
        Error(nameof(ConcurrencyFailure), text["Your account was changed in another window. Please try again."]);

    public override IdentityError PasswordMismatch() =>
        Error(nameof(PasswordMismatch), text["The password is not correct."]);

    public override IdentityError InvalidToken() =>
        Error(nameof(InvalidToken), text["This link is not valid or has expired."]);

    public override IdentityError RecoveryCodeRedemptionFailed() =>
        Error(nameof(RecoveryCodeRedemptionFailed), text["That recovery code is not valid."]);

    public override IdentityError InvalidUserName(string? userName) =>
        Error(nameof(InvalidUserName), text["The address {0} cannot be used here: use letters, digits and . _ - + @ only.", userName ?? ""]);

    public override IdentityError InvalidEmail(string? email) =>
        Error(nameof(InvalidEmail), text["{0} is not a valid email address.", email ?? ""]);

    public override IdentityError DuplicateUserName(string userName) =>
        Error(nameof(DuplicateUserName), text["Another account already uses the address {0}.", userName]);

    public override IdentityError DuplicateEmail(string email) =>
        Error(nameof(DuplicateEmail), text["Another account already uses the address {0}.", email]);

    public override IdentityError PasswordTooShort(int length) =>
        Error(nameof(PasswordTooShort), text["The password must have at least {0} characters.", length]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), text["The password must use at least {0} different characters.", uniqueChars]);

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), text["The password must contain a symbol (not a letter or digit)."]);

    public override IdentityError PasswordRequiresDigit() =>
        Error(nameof(PasswordRequiresDigit), text["The password must contain a digit (0-9)."]);

    public override IdentityError PasswordRequiresLower() =>
        Error(nameof(PasswordRequiresLower), text["The password must contain a lowercase letter."]);

    public override IdentityError PasswordRequiresUpper() =>
        Error(nameof(PasswordRequiresUpper), text["The password must contain an uppercase letter."]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
