namespace Crossing.Web.Account;

/// <summary>Sign-in, second factor and session pages' strings: AccountText.resx and AccountText.ko.resx beside this file.</summary>
public sealed class AccountText;
