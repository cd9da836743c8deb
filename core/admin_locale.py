"""Admin strings Django's own Vietnamese catalogue lacks, or says in a way staff stumble on
(Django 5.2).

Listing them here puts them in our catalogue (locale/vi), which takes precedence over Django's
(LOCALE_PATHS comes first), so staff never meet an English button such as "Show counts", nor
"Thêm vào" for Add, a pronoun the rest of the site does not use, or "Lập lại mật khẩu".
Nothing imports this module: it exists for `makemessages`. docs/translation-style.md says how
to add one; remove an entry once Django's catalogue translates it (ADMIN_STRINGS) or says it
well (OVERRIDES).
"""

from django.utils.translation import gettext_noop, ngettext_lazy

ADMIN_STRINGS = (
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Error:"),
    gettext_noop("Set password"),
    gettext_noop(
        "This action will <strong>enable</strong> password-based authentication for this user."
    ),
    gettext_noop("Disable password-based authentication"),
    # The account admin's password page (core/admin_accounts.py: a center administrator's).
    gettext_noop("Password-based authentication"),
    gettext_noop("Reset password"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, "
        "they may still be able to authenticate using other backends, such as Single Sign-On "
        "or LDAP."
    ),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("Hide counts"),
    gettext_noop("Show counts"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Added:"),
    gettext_noop("Changed:"),
    gettext_noop("Deleted:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Sidebar"),
    gettext_noop("Filter navigation items"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("Select all objects on this page for an action"),
    ngettext_lazy("entry", "entries", 1),
    # Django's Vietnamese catalogue has this only as two singular messages; the template asks
    # for the plural form, so staff saw English on every form with an error.
    ngettext_lazy("Please correct the error below.", "Please correct the errors below.", 1),
)


# Messages Django's catalogue translates, overridden: the admin speaks to staff without a
# pronoun and in the words of the rest of the site ("thao tác" for an action, "Sửa", "Xóa"),
# and a few of Django's translations say the opposite of the English ("Password reset
# unsuccessful": "Đặt lại mật khẩu thành công"). scripts/wording.py checks them with ours.
OVERRIDES = (
    # The index, the changelist, the actions bar and the filters.
    gettext_noop("Add"),
    gettext_noop("Add %(name)s"),
    gettext_noop("Change"),
    gettext_noop("Change %s"),
    gettext_noop("Select %s to change"),
    gettext_noop("Models in the %(name)s application"),
    gettext_noop("%(app)s administration"),
    gettext_noop("Django site admin"),
    gettext_noop("Django administration"),
    gettext_noop("Welcome,"),
    gettext_noop("Log out"),
    gettext_noop("Action:"),
    gettext_noop("Action"),
    gettext_noop("Go"),
    gettext_noop("Run the selected action"),
    gettext_noop("Click here to select the objects across all pages"),
    gettext_noop("Select all %(total_count)s %(module_name)s"),
    gettext_noop("Clear selection"),
    gettext_noop("0 of %(cnt)s selected"),
    ngettext_lazy("%(total_count)s selected", "All %(total_count)s selected", 1),
    gettext_noop(
        "Items must be selected in order to perform actions on them. No items have been changed."
    ),
    gettext_noop("No action selected."),
    gettext_noop(" By %(filter_title)s "),
    gettext_noop("Any date"),
    gettext_noop("Past 7 days"),
    gettext_noop("Empty"),
    gettext_noop("Not empty"),
    gettext_noop("Sorting priority: %(priority_number)s"),
    gettext_noop("Toggle sorting"),
    gettext_noop("None available"),
    gettext_noop("Unknown content"),
    gettext_noop("You don’t have permission to view or edit anything."),
    # The change form and what it says after saving.
    gettext_noop("Save"),
    gettext_noop("Save and view"),
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("Currently:"),
    gettext_noop("Change:"),
    gettext_noop("Popup closing…"),
    gettext_noop("Added."),
    gettext_noop("No fields changed."),
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("You may edit it again below."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was added successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    ngettext_lazy(
        "%(count)s %(name)s was changed successfully.",
        "%(count)s %(name)s were changed successfully.",
        1,
    ),
    gettext_noop("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
    gettext_noop(
        "First, enter a username and password. Then, you’ll be able to edit more user options."
    ),
    gettext_noop("Enter a new password for the user <strong>%(username)s</strong>."),
    # Deleting: the confirmation pages and the inline "Delete?" column.
    gettext_noop("Are you sure?"),
    gettext_noop("Delete?"),
    gettext_noop("Objects"),
    gettext_noop("Yes, I’m sure"),
    gettext_noop("No, take me back"),
    gettext_noop("Delete multiple objects"),
    gettext_noop("Successfully deleted %(count)d %(items)s."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop(
        'Are you sure you want to delete the %(object_name)s "%(escaped_object)s"? All of '
        "the following related items will be deleted:"
    ),
    gettext_noop(
        "Are you sure you want to delete the selected %(objects_name)s? All of the following "
        "objects and their related items will be deleted:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s '%(escaped_object)s' would result in deleting related "
        "objects, but your account doesn't have permission to delete the following types of "
        "objects:"
    ),
    gettext_noop(
        "Deleting the selected %(objects_name)s would result in deleting related objects, but "
        "your account doesn't have permission to delete the following types of objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s '%(escaped_object)s' would require deleting the "
        "following protected related objects:"
    ),
    gettext_noop(
        "Deleting the selected %(objects_name)s would require deleting the following protected "
        "related objects:"
    ),
    gettext_noop(
        "Deleting %(class_name)s %(instance)s would require deleting the following protected "
        "related objects: %(related_objects)s"
    ),
    # History.
    gettext_noop("History"),
    gettext_noop(
        "This object doesn’t have a change history. It probably wasn’t added via this admin site."
    ),
    gettext_noop("action time"),
    gettext_noop("object repr"),
    gettext_noop("action flag"),
    gettext_noop("change message"),
    gettext_noop("log entry"),
    gettext_noop("log entries"),
    # Logging in, out, and the password pages.
    gettext_noop(
        "Please enter the correct %(username)s and password for a staff account. Note that "
        "both fields may be case-sensitive."
    ),
    gettext_noop(
        "You are authenticated as %(username)s, but are not authorized to access this page. "
        "Would you like to login to a different account?"
    ),
    gettext_noop("Forgotten your password or username?"),
    gettext_noop("Thanks for spending some quality time with the web site today."),
    gettext_noop("Password change"),
    gettext_noop("Change my password"),
    gettext_noop("Your password was changed."),
    gettext_noop("Password change successful"),
    gettext_noop(
        "Please enter your old password, for security’s sake, and then enter your new password "
        "twice so we can verify you typed it in correctly."
    ),
    gettext_noop("Password reset"),
    gettext_noop("Password reset confirmation"),
    gettext_noop("Password reset unsuccessful"),
    gettext_noop("Password reset complete"),
    gettext_noop("Reset my password"),
    gettext_noop("Email address:"),
    gettext_noop("New password:"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we’ll email instructions "
        "for setting a new one."
    ),
    gettext_noop(
        "We’ve emailed you instructions for setting your password, if an account exists with "
        "the email you entered. You should receive them shortly."
    ),
    gettext_noop(
        "If you don’t receive an email, please make sure you’ve entered the address you "
        "registered with, and check your spam folder."
    ),
    gettext_noop(
        "Please enter your new password twice so we can verify you typed it in correctly."
    ),
    gettext_noop("Your password has been set.  You may go ahead and log in now."),
    gettext_noop(
        "You're receiving this email because you requested a password reset for your user "
        "account at %(site_name)s."
    ),
    gettext_noop("Please go to the following page and choose a new password:"),
    gettext_noop("Your username, in case you’ve forgotten:"),
    gettext_noop("Thanks for using our site!"),
    gettext_noop("The %(site_name)s team"),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    gettext_noop(
        "Raw passwords are not stored, so there is no way to see this user’s password, but you "
        'can change the password using <a href="{}">this form</a>.'
    ),
    # Users and groups (administrators).
    gettext_noop("Authentication and Authorization"),
    gettext_noop("active"),
    gettext_noop(
        "Designates whether this user should be treated as active. Unselect this instead of "
        "deleting accounts."
    ),
    gettext_noop("staff status"),
    gettext_noop("permission"),
    gettext_noop("permissions"),
    gettext_noop("users"),
    # Errors and form messages.
    gettext_noop(
        "There’s been an error. It’s been reported to the site administrators via email and "
        "should be fixed shortly. Thanks for your patience."
    ),
    gettext_noop(
        "Something’s wrong with your database installation. Make sure the appropriate database "
        "tables have been created, and make sure the database is readable by the appropriate "
        "user."
    ),
    gettext_noop(
        "Upload a valid image. The file you uploaded was either not an image or a corrupted image."
    ),
    gettext_noop("Enter a whole number."),
    # Under every empty required field of the public forms too: "Trường" is programmers' word.
    gettext_noop("This field is required."),
    # Weekdays as `date:"D"` writes them: "T2" … "CN", like the admin's calendar.
    gettext_noop("Mon"),
    gettext_noop("Tue"),
    gettext_noop("Wed"),
    gettext_noop("Thu"),
    gettext_noop("Fri"),
    gettext_noop("Sat"),
    gettext_noop("Sun"),
)
