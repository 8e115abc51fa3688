"""Words for the domain's refusal codes, shared by the windows and the CLI.

The domain raises ``DomainError(code, **details)``. Here each code has its
English source text; the Chinese lives in resources/translations as a Qt
translation (context "Domain"), so the windows translate it with Qt and the
command line reads the same .ts file, one catalogue for both front ends.
"""

from __future__ import annotations

import functools
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from typing import Any

CONTEXT = "Domain"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for translation without translating it here."""
    return text


MESSAGES: dict[str, str] = {
    # roster and courses
    "name_required": QT_TRANSLATE_NOOP("Domain", "A name is required."),
    "name_too_long": QT_TRANSLATE_NOOP("Domain", "The name is longer than {max} characters."),
    "name_invisible_control": QT_TRANSLATE_NOOP("Domain", "The name holds an invisible control character ({character}) that would garble printouts and exports: retype the name."),
    "name_invisible_removed": QT_TRANSLATE_NOOP("Domain", "Invisible characters were removed from the name: {characters}."),
    "invalid_phone": QT_TRANSLATE_NOOP("Domain", "“{value}” is not a mainland mobile number (11 digits starting with 1)."),
    "duplicate_learner": QT_TRANSLATE_NOOP("Domain", "{name} with this phone number is already on the roster (learner {code})."),
    "duplicate_instructor": QT_TRANSLATE_NOOP("Domain", "Instructor {name} with this phone number already exists."),
    "learner_not_found": QT_TRANSLATE_NOOP("Domain", "That learner is not on the roster."),
    "instructor_not_found": QT_TRANSLATE_NOOP("Domain", "That instructor does not exist."),
    "course_not_found": QT_TRANSLATE_NOOP("Domain", "That course does not exist."),
    "lesson_not_found": QT_TRANSLATE_NOOP("Domain", "That lesson does not exist."),
    "enrollment_not_found": QT_TRANSLATE_NOOP("Domain", "That enrollment does not exist."),
    "title_required": QT_TRANSLATE_NOOP("Domain", "A course title is required."),
    "capacity_invalid": QT_TRANSLATE_NOOP("Domain", "The capacity must be at least 1."),
    "price_negative": QT_TRANSLATE_NOOP("Domain", "The market price cannot be negative."),
    "inclusive_needs_price": QT_TRANSLATE_NOOP("Domain", "An inclusive course needs a market price."),
    "threshold_invalid": QT_TRANSLATE_NOOP("Domain", "The completion threshold must be between 1% and 100%."),
    "hours_invalid": QT_TRANSLATE_NOOP("Domain", "Total hours cannot be negative."),
    "course_ends_before_start": QT_TRANSLATE_NOOP("Domain", "The course ends before it starts."),
    "course_code_taken": QT_TRANSLATE_NOOP("Domain", "Course code {code} is already used."),
    "lesson_ends_before_start": QT_TRANSLATE_NOOP("Domain", "The lesson ends before it starts."),
    "lesson_too_long": QT_TRANSLATE_NOOP("Domain", "A lesson cannot be longer than 12 hours."),
    "lesson_exists": QT_TRANSLATE_NOOP("Domain", "This course already has a lesson at that time."),
    "pattern_no_weekday": QT_TRANSLATE_NOOP("Domain", "Choose at least one weekday."),
    "pattern_weeks_invalid": QT_TRANSLATE_NOOP("Domain", "The number of weeks must be between 1 and {max}."),
    "already_enrolled": QT_TRANSLATE_NOOP("Domain", "{learner_name} is already on {course_title}."),
    "already_withdrawn": QT_TRANSLATE_NOOP("Domain", "This enrollment was already withdrawn."),
    "already_completed": QT_TRANSLATE_NOOP("Domain", "A completed enrollment cannot be withdrawn."),
    "store_not_empty": QT_TRANSLATE_NOOP("Domain", "The store already has learners; the demo school needs an empty store."),
    # learner import: problems of one row (errors skip the row, notices do not)
    "missing_name": QT_TRANSLATE_NOOP("Domain", "The name is missing."),
    "unknown_course": QT_TRANSLATE_NOOP("Domain", "No course has the code or title “{value}”."),
    "duplicate_in_store": QT_TRANSLATE_NOOP("Domain", "Already on the roster as learner {code}: that record is used."),
    "answer_replaced": QT_TRANSLATE_NOOP("Domain", "{name} answered again in row {row}: that later answer is used instead of this one."),
    "answers_merged": QT_TRANSLATE_NOOP("Domain", "Also answered in row {rows}: one learner, with this later answer."),
    "course_ambiguous": QT_TRANSLATE_NOOP("Domain", "“{value}” could be {choices}: choose which class."),
    "course_read_as": QT_TRANSLATE_NOOP("Domain", "“{value}” read as {course_title}."),
    "submitted_unreadable": QT_TRANSLATE_NOOP("Domain", "The submission time “{value}” cannot be read: this row comes after the rows with a time."),
    # learner import: the whole import
    "no_phone_column": QT_TRANSLATE_NOOP("Domain", "No column of mobile numbers was found: learners will be imported without a phone, and people already on the roster will not be recognised. If the file has one, choose it for Mobile."),
    "no_course_column": QT_TRANSLATE_NOOP("Domain", "No column of courses was found: rows will be imported without an enrollment, unless you choose a course for all of them."),
    "course_full": QT_TRANSLATE_NOOP("Domain", "{course_title} is full: this learner goes on the waiting list."),
    # learner import and roster export: the file
    "import_file_not_found": QT_TRANSLATE_NOOP("Domain", "The file {path} does not exist."),
    "import_cannot_read": QT_TRANSLATE_NOOP("Domain", "The file {path} cannot be read: {detail}"),
    "import_empty": QT_TRANSLATE_NOOP("Domain", "The file has no learners in it."),
    "import_old_excel": QT_TRANSLATE_NOOP("Domain", "This is an old Excel file (.xls). Open it in Excel or WPS, save it as .xlsx and import that."),
    "import_not_a_spreadsheet": QT_TRANSLATE_NOOP("Domain", "This file is not a spreadsheet. Choose the .xlsx or .csv file exported from the sign-up form or from Excel."),
    "import_unreadable_encoding": QT_TRANSLATE_NOOP("Domain", "Line {line} of this file cannot be read in any known encoding. Save it from Excel as .xlsx or as “CSV UTF-8” and import that."),
    "import_mixed_encoding": QT_TRANSLATE_NOOP("Domain", "Line {line} is not in {encoding} like the lines before it: this file mixes two encodings, often from rows pasted in from another file. Nothing was read. Save it from Excel as .xlsx or as “CSV UTF-8” and import that."),
    "import_too_many_rows": QT_TRANSLATE_NOOP("Domain", "This file has {rows} rows, more than the {limit} a sign-up import takes. Check that it is the sign-up list and not a whole database export."),
    "import_row_limit_invalid": QT_TRANSLATE_NOOP("Domain", "The largest import must be at least 1 row."),
    "import_map_invalid": QT_TRANSLATE_NOOP("Domain", "“{value}” is not a column choice: write FIELD=COLUMN, for example 手机=F. Fields: {fields}"),
    "import_map_unknown_column": QT_TRANSLATE_NOOP("Domain", "This file has no column “{value}”. Its columns: {columns}"),
    "import_no_name_column": QT_TRANSLATE_NOOP("Domain", "No column of names was found (a header such as 姓名 or Name). Headers seen: {columns}"),
    "import_cancelled": QT_TRANSLATE_NOOP("Domain", "The import was cancelled; nothing was written."),
    "import_nothing_accepted": QT_TRANSLATE_NOOP("Domain", "No row can be imported: fix the problems shown and try again."),
    "import_row_not_acceptable": QT_TRANSLATE_NOOP("Domain", "Row {row} has problems and cannot be imported."),
    "export_cannot_write": QT_TRANSLATE_NOOP("Domain", "The roster cannot be saved to {path}: {detail}"),
    "export_cancelled": QT_TRANSLATE_NOOP("Domain", "The export was cancelled; no file was written."),
    # settings
    "school_name_required": QT_TRANSLATE_NOOP("Domain", "The school's name is required."),
    "unknown_timezone": QT_TRANSLATE_NOOP("Domain", "Unknown time zone: {value}."),
    "ratio_out_of_range": QT_TRANSLATE_NOOP("Domain", "The inclusive price ratio must be between 0% and 100%."),
    "prefix_invalid": QT_TRANSLATE_NOOP("Domain", "A number prefix may use only letters and digits: {value}."),
    "checkin_window_invalid": QT_TRANSLATE_NOOP("Domain", "The check-in times are out of range."),
    "verification_address_invalid": QT_TRANSLATE_NOOP("Domain", "The verification address must be a web address starting with https:// (or http://), without spaces or \"#\": {value}."),
    "late_entry_days_invalid": QT_TRANSLATE_NOOP("Domain", "The days a desk may enter late check-ins must be between 0 and {max}."),
    # money
    "amount_negative": QT_TRANSLATE_NOOP("Domain", "The amount cannot be negative."),
    "amount_zero": QT_TRANSLATE_NOOP("Domain", "The amount must be more than zero."),
    "amount_not_a_number": QT_TRANSLATE_NOOP("Domain", "“{value}” is not an amount."),
    "amount_too_many_decimals": QT_TRANSLATE_NOOP("Domain", "An amount has at most two decimals (fen)."),
    "amount_did_you_mean": QT_TRANSLATE_NOOP("Domain", "“{value}” is not an amount as typed: did you mean {suggestion}?"),
    "amount_bad_separator": QT_TRANSLATE_NOOP("Domain", "In “{value}” a comma or space is out of place: a separator goes only between whole groups of three digits (1,250.50)."),
    "amount_foreign_digits": QT_TRANSLATE_NOOP("Domain", "“{value}” uses digits of another script: type the digits 0–9."),
    "amount_too_large": QT_TRANSLATE_NOOP("Domain", "“{value}” is too large for an amount."),
    # fees: the receipt printer
    "printer_not_set": QT_TRANSLATE_NOOP("Domain", "No receipt printer is set for this desk (File → School settings)."),
    "printer_unreachable": QT_TRANSLATE_NOOP("Domain", "The receipt printer {printer} did not answer ({reason}): check that it is on, plugged in and has paper."),
    "printer_no_paper": QT_TRANSLATE_NOOP("Domain", "The receipt printer {printer} is out of paper."),
    # fees: payments, refunds, waivers, cash-up
    "amount_over_balance": QT_TRANSLATE_NOOP("Domain", "The amount is more than the balance still owed ({balance})."),
    "method_unknown": QT_TRANSLATE_NOOP("Domain", "Unknown payment method: {value}."),
    "reference_required": QT_TRANSLATE_NOOP("Domain", "Enter the transaction reference of this payment."),
    "reference_too_long": QT_TRANSLATE_NOOP("Domain", "A transaction reference has at most {max} characters."),
    "duplicate_reference": QT_TRANSLATE_NOOP("Domain", "Transaction reference {reference} was already entered (receipt {receipt_no}); the payment is not taken twice."),
    "day_closed": QT_TRANSLATE_NOOP("Domain", "The cash-up for {business_date} is done; that day takes no new entries. Correct it with an entry dated today."),
    "role_forbidden": QT_TRANSLATE_NOOP("Domain", "Your account's role does not allow this: it needs {needed} or higher. Ask a colleague whose role does."),
    "sign_in_required": QT_TRANSLATE_NOOP("Domain", "This school has staff accounts: sign in first (the windows' sign-in, or --user NAME on the command line)."),
    "reason_required": QT_TRANSLATE_NOOP("Domain", "Choose a reason."),
    "reason_not_allowed": QT_TRANSLATE_NOOP("Domain", "That reason does not fit this kind of entry."),
    "reason_note_required": QT_TRANSLATE_NOOP("Domain", "Say in a few words why."),
    "reason_too_long": QT_TRANSLATE_NOOP("Domain", "The reason is longer than {max} characters."),
    "entry_not_found": QT_TRANSLATE_NOOP("Domain", "That ledger entry does not exist."),
    "not_a_payment": QT_TRANSLATE_NOOP("Domain", "Only a payment can be refunded or have a receipt."),
    "refund_over_paid": QT_TRANSLATE_NOOP("Domain", "A refund of this payment can be at most {available}."),
    "enrollment_withdrawn": QT_TRANSLATE_NOOP("Domain", "This enrollment was withdrawn; it takes no payment or waiver."),
    "enrollment_waitlisted": QT_TRANSLATE_NOOP("Domain", "This learner is on the waiting list: the fee falls due when a seat is theirs, so it takes no payment or waiver yet."),
    "enrollment_mismatch": QT_TRANSLATE_NOOP("Domain", "A correction must stay with the same learner."),
    "adjustment_out_of_range": QT_TRANSLATE_NOOP("Domain", "This correction would take the balance below zero or above the fee (allowed: {min} to {max})."),
    "date_in_future": QT_TRANSLATE_NOOP("Domain", "{business_date} has not come yet."),
    "cashup_note_required": QT_TRANSLATE_NOOP("Domain", "The counted cash differs from the expected by {difference}; add a note."),
    "note_too_long": QT_TRANSLATE_NOOP("Domain", "The note is longer than {max} characters."),
    "card_not_ours": QT_TRANSLATE_NOOP("Domain", "This is not a FrontDesk card."),
    "card_unreadable": QT_TRANSLATE_NOOP("Domain", "The card could not be read: scan it again, or look the learner up by name."),
    "card_run_together": QT_TRANSLATE_NOOP("Domain", "Two codes were read as one: scan one card at a time."),
    "card_newer": QT_TRANSLATE_NOOP("Domain", "This card was made by a newer FrontDesk: look the learner up by name."),
    "card_is_certificate": QT_TRANSLATE_NOOP("Domain", "This is the code of a certificate, not a learner card."),
    "card_replaced": QT_TRANSLATE_NOOP("Domain", "This card of {learner_name} was replaced on {replaced_on}; use the new card."),
    # certificates
    "eligibility_attendance_short": QT_TRANSLATE_NOOP("Domain", "Attended {attended} of {held} lessons, needs {needs}."),
    "eligibility_fee_due": QT_TRANSLATE_NOOP("Domain", "{amount} still due."),
    "eligibility_withdrawn": QT_TRANSLATE_NOOP("Domain", "Withdrew from the course."),
    "eligibility_no_lessons_held": QT_TRANSLATE_NOOP("Domain", "No lesson has been held yet."),
    "eligibility_in_progress": QT_TRANSLATE_NOOP("Domain", "On track: {attended} of {held} so far, {planned} planned; needs {needs}."),
    "eligibility_out_of_reach": QT_TRANSLATE_NOOP("Domain", "Cannot reach it: {attended} of {held} so far, {planned} planned; needs {needs}."),
    "certificate_learner_running": QT_TRANSLATE_NOOP("Domain", "{learner_name}: the course is still running ({attended} of {held} so far, {planned} planned; needs {needs}). A certificate is issued once the course is complete, or earlier only by an admin's exception."),
    "certificate_course_running": QT_TRANSLATE_NOOP("Domain", "The course is still running ({held} of {planned} lessons held). Certificates are issued once it is complete, or earlier only by an admin's exception."),
    "certificate_needs_out": QT_TRANSLATE_NOOP("Domain", "Say where to save the certificates (--out): a serial is spent only when a certificate is made."),
    "certificate_nothing_to_print": QT_TRANSLATE_NOOP("Domain", "No certificate to print."),
    "certificate_busy": QT_TRANSLATE_NOOP("Domain", "Other desks kept issuing certificates meanwhile; try again."),
    "course_already_finished": QT_TRANSLATE_NOOP("Domain", "Course {course} is complete already."),
    "course_finish_nothing_held": QT_TRANSLATE_NOOP("Domain", "Course {course} has held no lesson yet; it cannot be marked finished."),
    "course_not_marked_finished": QT_TRANSLATE_NOOP("Domain", "Course {course} was not marked finished."),
    "course_reopen_certificates_issued": QT_TRANSLATE_NOOP("Domain", "{count} certificates were issued since course {course} was marked finished; revoke them first."),
    "certificate_needs_admin": QT_TRANSLATE_NOOP("Domain", "Only an admin may do this with certificates."),
    "certificate_reason_required": QT_TRANSLATE_NOOP("Domain", "Give a reason."),
    "certificate_reason_too_long": QT_TRANSLATE_NOOP("Domain", "The reason is longer than {max} characters."),
    "certificate_exception_withdrawn": QT_TRANSLATE_NOOP("Domain", "A withdrawn enrollment cannot get a certificate, not even by exception."),
    "certificate_exception_waitlisted": QT_TRANSLATE_NOOP("Domain", "A learner on the waiting list cannot get a certificate."),
    "certificate_no_exception": QT_TRANSLATE_NOOP("Domain", "This enrollment has no exception to withdraw."),
    "certificate_already_issued": QT_TRANSLATE_NOOP("Domain", "The certificate was already issued; revoke it instead."),
    "certificate_not_eligible": QT_TRANSLATE_NOOP("Domain", "{learner_name} has not earned a certificate yet."),
    "certificate_revoked": QT_TRANSLATE_NOOP("Domain", "Certificate {serial} of {learner_name} was revoked; it cannot be printed (a replacement gets a new serial)."),
    "certificate_already_revoked": QT_TRANSLATE_NOOP("Domain", "Certificate {serial} was already revoked."),
    "certificate_not_found": QT_TRANSLATE_NOOP("Domain", "That certificate does not exist."),
    "certificate_missing_glyph": QT_TRANSLATE_NOOP("Domain", "“{text}” cannot be printed: no bundled font has {characters}. Correct the spelling first."),
    "certificate_layout_unknown": QT_TRANSLATE_NOOP("Domain", "Unknown certificate layout: {value}."),
    "certificate_text_invalid": QT_TRANSLATE_NOOP("Domain", "The certificate text “{value}” uses an unknown {{placeholder}}; use {{course}}, {{hours}}, {{start}}, {{end}} or {{instructor}}."),
    "certificate_text_too_long": QT_TRANSLATE_NOOP("Domain", "A certificate text is longer than {max} characters."),
    "verification_page_cannot_write": QT_TRANSLATE_NOOP("Domain", "The verification page cannot be written to {path}: {detail}"),
    "certificate_image_unreadable": QT_TRANSLATE_NOOP("Domain", "The image {path} cannot be read."),
    # check-in and learner cards
    "lesson_cancelled": QT_TRANSLATE_NOOP("Domain", "That lesson was cancelled."),
    "not_enrolled": QT_TRANSLATE_NOOP("Domain", "{learner_name} is not enrolled on {course_title}."),
    "already_checked_in": QT_TRANSLATE_NOOP("Domain", "{learner_name} is already checked in to this lesson."),
    "already_excused": QT_TRANSLATE_NOOP("Domain", "{learner_name} is already excused from this lesson."),
    "lesson_not_over": QT_TRANSLATE_NOOP("Domain", "The lesson is not over yet; close it after it ends."),
    "void_reason_required": QT_TRANSLATE_NOOP("Domain", "Give a reason for voiding this check-in."),
    "attendance_not_found": QT_TRANSLATE_NOOP("Domain", "That check-in does not exist."),
    "attendance_already_voided": QT_TRANSLATE_NOOP("Domain", "That check-in was already voided."),
    "nothing_to_undo": QT_TRANSLATE_NOOP("Domain", "There is no recent check-in at this desk to undo."),
    "checkin_in_future": QT_TRANSLATE_NOOP("Domain", "{at} has not come yet: a check-in cannot be entered for a time in the future."),
    "late_entry_reason_required": QT_TRANSLATE_NOOP("Domain", "The lesson of {lesson} is over: a check-in entered now is a late entry and needs a reason (a paper sign-in sheet, the desk was down…)."),
    "late_entry_reason_too_long": QT_TRANSLATE_NOOP("Domain", "The reason for a late entry is longer than {max} characters."),
    "late_entry_needs_admin": QT_TRANSLATE_NOOP("Domain", "The lesson of {lesson} is more than {days} days ago: only an administrator may enter check-ins for it."),
    "paper_time_in_future": QT_TRANSLATE_NOOP("Domain", "The time written for {learner_name} has not come yet."),
    "paper_time_outside_lesson": QT_TRANSLATE_NOOP("Domain", "The time written for {learner_name} is outside the lesson's check-in time."),
    "not_waitlisted": QT_TRANSLATE_NOOP("Domain", "This learner is not on the waiting list of {course_title}."),
    "no_free_seat": QT_TRANSLATE_NOOP("Domain", "{course_title} has no free seat ({capacity} seats are taken)."),
    "lesson_not_open": QT_TRANSLATE_NOOP("Domain", "{course_title} has no lesson open for check-in now."),
    "offline_no_snapshot": QT_TRANSLATE_NOOP("Domain", "The server cannot be reached and this desk has no copy of tonight's lessons yet: check learners in on the paper sign-in sheet until the server is back."),
    "needs_server": QT_TRANSLATE_NOOP("Domain", "This desk is offline: this needs the server (check-in goes on). Note it on paper and enter it once the server is back."),
    "card_version_exhausted": QT_TRANSLATE_NOOP("Domain", "{learner_name} has had too many replacement cards."),
    "unprintable_text": QT_TRANSLATE_NOOP("Domain", "“{text}” cannot be printed: no bundled font has {characters}. Correct the spelling first."),
    "no_cards": QT_TRANSLATE_NOOP("Domain", "There are no learner cards to print."),
    "cards_nothing_chosen": QT_TRANSLATE_NOOP("Domain", "Choose a course or learners whose cards to print."),
    "png_needs_one_card": QT_TRANSLATE_NOOP("Domain", "A PNG holds one card, but {count} were chosen; print a PDF sheet instead."),
    # staff, sign-in and privacy
    "wrong_password": QT_TRANSLATE_NOOP("Domain", "Wrong user name or password."),
    "account_locked": QT_TRANSLATE_NOOP("Domain", "Too many wrong passwords: this account is locked until {until_time}. An admin can unlock it by resetting the password."),
    "account_disabled": QT_TRANSLATE_NOOP("Domain", "This account is disabled. Ask an admin."),
    "password_too_short": QT_TRANSLATE_NOOP("Domain", "A password needs at least {min} characters."),
    "password_too_long": QT_TRANSLATE_NOOP("Domain", "A password has at most {max} characters."),
    "password_mismatch": QT_TRANSLATE_NOOP("Domain", "The two passwords are not the same."),
    "username_required": QT_TRANSLATE_NOOP("Domain", "A user name is required."),
    "username_too_long": QT_TRANSLATE_NOOP("Domain", "A user name has at most {max} characters."),
    "username_invalid": QT_TRANSLATE_NOOP("Domain", "A user name cannot contain spaces: “{value}”."),
    "username_taken": QT_TRANSLATE_NOOP("Domain", "The user name {username} is already taken."),
    "role_unknown": QT_TRANSLATE_NOOP("Domain", "Unknown role: {value}. Use desk, cashier or admin."),
    "staff_exist": QT_TRANSLATE_NOOP("Domain", "Staff accounts exist already; an admin adds new ones."),
    "first_admin_required": QT_TRANSLATE_NOOP("Domain", "Create the first admin account first."),
    "staff_not_found": QT_TRANSLATE_NOOP("Domain", "That staff account does not exist."),
    "cannot_change_self": QT_TRANSLATE_NOOP("Domain", "You cannot disable your own account or change your own role."),
    "last_admin": QT_TRANSLATE_NOOP("Domain", "This is the last active admin; make another admin first."),
    "staff_already_disabled": QT_TRANSLATE_NOOP("Domain", "The account {username} is already disabled."),
    "staff_not_disabled": QT_TRANSLATE_NOOP("Domain", "The account {username} is not disabled."),
    "not_signed_in": QT_TRANSLATE_NOOP("Domain", "Sign in first."),
    "learner_already_anonymised": QT_TRANSLATE_NOOP("Domain", "Learner {code} was already anonymised."),
    "learner_has_open_enrollment": QT_TRANSLATE_NOOP("Domain", "{learner_name} is still on {courses}. Withdraw them first."),
    "retention_years_invalid": QT_TRANSLATE_NOOP("Domain", "The number of years must be between {min} and {max}."),
    "audit_export_cannot_write": QT_TRANSLATE_NOOP("Domain", "The audit trail cannot be saved to {path}: {detail}"),
    # reports, follow-up, no-shows and standby
    "report_range_invalid": QT_TRANSLATE_NOOP("Domain", "The report ends ({end}) before it starts ({start})."),
    "report_range_too_long": QT_TRANSLATE_NOOP("Domain", "A report covers at most {max} days; this range has {days}."),
    "followup_no_consent": QT_TRANSLATE_NOOP("Domain", "{learner_name} did not agree to follow-up calls, so no call can be recorded."),
    "followup_kind_unknown": QT_TRANSLATE_NOOP("Domain", "“{value}” is not a follow-up outcome."),
    "followup_note_too_long": QT_TRANSLATE_NOOP("Domain", "The note is longer than {max} characters."),
    "followup_not_enrolled": QT_TRANSLATE_NOOP("Domain", "{learner_name} was never enrolled on {course_title}."),
    "followup_weeks_invalid": QT_TRANSLATE_NOOP("Domain", "The weeks after a course and the window must be positive."),
    "standby_minutes_invalid": QT_TRANSLATE_NOOP("Domain", "Standby must open between {min} and {max} minutes after a lesson starts (0 turns it off)."),
    "no_show_repeat_invalid": QT_TRANSLATE_NOOP("Domain", "A repeat no-show must be between {min} and {max} no-shows."),
    "no_show_window_invalid": QT_TRANSLATE_NOOP("Domain", "No-shows are counted over {min} to {max} days."),
    "standby_off": QT_TRANSLATE_NOOP("Domain", "{course_title} does not use standby."),
    "standby_not_full": QT_TRANSLATE_NOOP("Domain", "{course_title} has {free_seats} free seats: enrol from the waiting list instead of standby."),
    "standby_too_early": QT_TRANSLATE_NOOP("Domain", "Standby opens {minutes} minutes after the lesson starts."),
    "standby_lesson_over": QT_TRANSLATE_NOOP("Domain", "This lesson of {course_title} is over: no more standby."),
    "standby_no_seat": QT_TRANSLATE_NOOP("Domain", "No seat is free in this lesson of {course_title}."),
    # backups and restore
    "backup_folder_unusable": QT_TRANSLATE_NOOP("Domain", "The backup folder {folder} cannot be used: {detail}"),
    "backup_disk_full": QT_TRANSLATE_NOOP("Domain", "The disk holding {folder} is full, so nothing was written there. The store is unchanged; free some space or choose another backup folder."),
    "backup_failed": QT_TRANSLATE_NOOP("Domain", "The backup to {folder} failed: {detail}. The store is unchanged."),
    "backup_verify_failed": QT_TRANSLATE_NOOP("Domain", "The backup copy failed its check ({detail}) and was deleted. The store may be damaged: keep the previous backups."),
    "backup_file_not_found": QT_TRANSLATE_NOOP("Domain", "The file {path} does not exist."),
    "backup_unreadable": QT_TRANSLATE_NOOP("Domain", "The file {path} cannot be read: {detail}"),
    "backup_not_sqlite": QT_TRANSLATE_NOOP("Domain", "{path} is not a FrontDesk backup: it is not a database file."),
    "backup_truncated": QT_TRANSLATE_NOOP("Domain", "{path} is incomplete: it was cut short ({size} of {expected} bytes), perhaps by a full disk or an interrupted copy. Choose another backup."),
    "backup_damaged": QT_TRANSLATE_NOOP("Domain", "{path} is damaged and cannot be restored: {detail}"),
    "backup_not_ours": QT_TRANSLATE_NOOP("Domain", "{path} is a database, but not a FrontDesk store."),
    "backup_newer_version": QT_TRANSLATE_NOOP("Domain", "{path} was made by a newer FrontDesk (schema {revision}). Update FrontDesk before restoring it."),
    "restore_same_file": QT_TRANSLATE_NOOP("Domain", "{path} is the store itself; choose a backup file."),
    "restore_store_in_use": QT_TRANSLATE_NOOP("Domain", "The store is open in another FrontDesk window or program. Close FrontDesk on every desk that uses {path}, then restore again. Nothing was changed."),
    "restore_sqlite_only": QT_TRANSLATE_NOOP("Domain", "Restoring replaces a SQLite store file. For PostgreSQL, restore the pg_dump file with pg_restore."),
    "pg_dump_missing": QT_TRANSLATE_NOOP("Domain", "pg_dump was not found. Install the PostgreSQL client tools (the same major version as the server) or back up the server with its own tools."),
    "pg_dump_failed": QT_TRANSLATE_NOOP("Domain", "pg_dump failed: {detail}"),
    # store
    "cannot_open": QT_TRANSLATE_NOOP("Domain", "The store cannot be opened or written: {detail}"),
    "not_a_store": QT_TRANSLATE_NOOP("Domain", "This is not a FrontDesk store: {detail}"),
    "no_store": QT_TRANSLATE_NOOP("Domain", "No FrontDesk store at {detail}. Check the path; a new store is made only by “frontdesk init” (or “frontdesk demo”, or the first start of the windows)."),
    "needs_owner": QT_TRANSLATE_NOOP("Domain", "The store's schema must be upgraded ({detail}) by its owner: run “frontdesk init” once with the owner's login (see README), then start the desks again."),
    "damaged": QT_TRANSLATE_NOOP("Domain", "The store is damaged and cannot be used: {detail}. Nothing was changed. Restore the newest backup (frontdesk restore), or open another store."),
    "newer_version": QT_TRANSLATE_NOOP("Domain", "This store was written by a newer FrontDesk ({detail}). Update FrontDesk to open it."),
    "locked": QT_TRANSLATE_NOOP("Domain", "The store is in use by another FrontDesk on this computer."),
    "server_down": QT_TRANSLATE_NOOP("Domain", "The database server cannot be reached: {detail}"),
    # store check (tamper evidence): {what} is one of RECORD_WORDS
    "chain_unsealed": QT_TRANSLATE_NOOP("Domain", "{what} {row_id} was written outside FrontDesk: it carries no seal."),
    "chain_link_broken": QT_TRANSLATE_NOOP("Domain", "{what} {row_id}: the record before it was removed or changed."),
    "chain_row_changed": QT_TRANSLATE_NOOP("Domain", "{what} {row_id} was changed after it was written."),
    "chain_rows_missing": QT_TRANSLATE_NOOP("Domain", "{what}: the last records were removed ({detail} found/counted)."),
    "integrity": QT_TRANSLATE_NOOP("Domain", "The store file is damaged: {detail}"),
    "foreign_key": QT_TRANSLATE_NOOP("Domain", "{what} {row_id} refers to a missing {detail} record."),
    "guard_missing": QT_TRANSLATE_NOOP("Domain", "{what}: the guard that keeps these records append-only ({detail}) is missing or switched off."),
    "number_missing": QT_TRANSLATE_NOOP("Domain", "{what}: number {detail} (year:number) is missing."),
    "number_repeated": QT_TRANSLATE_NOOP("Domain", "{what}: number {detail} appears twice."),
    "number_unreadable": QT_TRANSLATE_NOOP("Domain", "{what}: “{detail}” is not a number FrontDesk gives."),
    "cash_up_mismatch": QT_TRANSLATE_NOOP("Domain", "{what} {row_id} ({detail}) no longer matches the cash entries of its day."),
    "grant_postgresql_only": QT_TRANSLATE_NOOP("Domain", "Desk roles are for a PostgreSQL store; a SQLite store has no logins."),
    "grant_bad_role": QT_TRANSLATE_NOOP("Domain", "“{role}” is not a plain role name (lower-case letters, digits and _)."),
    "signing_key_elsewhere": QT_TRANSLATE_NOOP("Domain", "This computer does not hold the school's certificate signing key ({key_id}; looked in {folder}). Certificates can be verified here, but issued and printed only on the computer that holds the key."),
    "signing_key_passphrase_wrong": QT_TRANSLATE_NOOP("Domain", "That is not the signing key's passphrase."),
    "signing_key_passphrase_short": QT_TRANSLATE_NOOP("Domain", "The passphrase must have at least {min} characters."),
    "signing_key_passphrase_needed": QT_TRANSLATE_NOOP("Domain", "The signing key's passphrase is needed: run the command in a terminal, or pass it with --passphrase-stdin."),
    "signing_key_unreadable": QT_TRANSLATE_NOOP("Domain", "The key file {path} is damaged or not a FrontDesk key file."),
    "signing_key_none_yet": QT_TRANSLATE_NOOP("Domain", "The school has no signing key yet: it is made with the first certificate."),
    "store_check_nothing_pending": QT_TRANSLATE_NOOP("Domain", "No failed store check is waiting to be looked at."),
}

# What a store check names, by table.
RECORD_WORDS: dict[str, str] = {
    "ledger_entry": QT_TRANSLATE_NOOP("Domain", "Ledger entry"),
    "audit_event": QT_TRANSLATE_NOOP("Domain", "Audit event"),
    "certificate": QT_TRANSLATE_NOOP("Domain", "Certificate"),
    "cash_up": QT_TRANSLATE_NOOP("Domain", "Cash-up"),
}


def problem_details(table: str, row_id: int | None, detail: str,
                    word: str | None = None) -> dict[str, Any]:
    """The values a store-check message is filled with (``word``: the record word, translated)."""
    return {"what": word if word is not None else RECORD_WORDS.get(table, table),
            "row_id": row_id if row_id is not None else "", "detail": detail}


ROLE_WORDS: dict[str, str] = {
    "desk": QT_TRANSLATE_NOOP("Domain", "a desk account"),
    "cashier": QT_TRANSLATE_NOOP("Domain", "a cashier account"),
    "admin": QT_TRANSLATE_NOOP("Domain", "an admin account"),
}
"""How a refusal names a role (its ``role`` or ``needed`` detail)."""

_ROLE_DETAILS = ("role", "needed")


def worded(details: Mapping[str, Any], translate_one: Callable[[str], str]) -> dict[str, Any]:
    """``details`` with role codes put in words by ``translate_one`` (Qt's or the CLI's)."""
    out = dict(details)
    for key in _ROLE_DETAILS:
        value = out.get(key)
        if isinstance(value, str) and value in ROLE_WORDS:
            out[key] = translate_one(ROLE_WORDS[value])
    return out


class _SafeDict(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, details: Mapping[str, Any]) -> str:
    return template.format_map(_SafeDict(details))


@functools.cache
def _catalogue(lang: str) -> dict[tuple[str, str], str]:
    from frontdesk.paths import resource

    path = resource("translations", f"frontdesk_{lang}.ts")
    table: dict[tuple[str, str], str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is not None and translation.text and translation.get("type") is None:
                table[(name, source)] = translation.text
    return table


def translate(context: str, source: str, lang: str) -> str:
    """A source text in ``lang`` from the shared Qt catalogue (CLI side)."""
    if lang.startswith("en"):
        return source
    try:
        return _catalogue("zh_CN").get((context, source), source)
    except (OSError, ET.ParseError):
        return source


def cli_language() -> str:
    value = os.environ.get("FRONTDESK_LANG") or os.environ.get("LANG", "zh_CN")
    return "en" if value.lower().startswith(("en", "c.", "posix")) or value == "C" else "zh_CN"


def describe(code: str, details: Mapping[str, Any], lang: str) -> str:
    """The refusal ``code`` as a sentence in ``lang`` (for the command line)."""
    template = MESSAGES.get(code)
    if template is None:
        return code
    return fill(translate(CONTEXT, template, lang),
                worded(details, lambda text: translate(CONTEXT, text, lang)))
