"""Journal: a lock screen while the vault is locked, then entries, editor, search, dictation."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from nargis_desktop.app import App
from nargis_desktop.core.types import JournalEntry, Mood
from nargis_desktop.errors import VaultLockedError
from nargis_desktop.ui import resources
from nargis_desktop.ui.vault_access import VaultAccess
from nargis_desktop.ui.views.base import View
from nargis_desktop.ui.widgets.banner import Banner
from nargis_desktop.ui.widgets.common import Card, muted
from nargis_desktop.ui.workers import call_async

MOOD_EMOJI = {"great": "😄", "good": "🙂", "okay": "😐", "bad": "🙁", "awful": "😣"}
ID = Qt.ItemDataRole.UserRole


class UnlockDialog(QDialog):
    """Passphrase prompt; the slow key derivation runs in a worker, not on the GUI thread."""

    def __init__(self, vault: VaultAccess, *, create: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.creating = create
        self.setWindowTitle("Create journal passphrase" if create else "Unlock journal")
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("Choose a passphrase for your journal. It cannot be recovered if "
                             "you forget it." if create else
                             "Enter your journal passphrase."))
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        form.addRow("Passphrase", self.passphrase)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        if create:
            form.addRow("Repeat", self.repeat)
        lay.addLayout(form)
        self.remember = QCheckBox("Remember on this device (keeps the key in the system keyring)")
        self.remember.setChecked(vault.app.settings.vault.remember_on_device)
        self.passphrase.returnPressed.connect(self.submit)
        lay.addWidget(self.remember)
        self.banner = Banner(self)
        lay.addWidget(self.banner)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Create" if create else "Unlock")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def submit(self) -> None:
        phrase = self.passphrase.text()
        if self.creating and phrase != self.repeat.text():
            self.banner.show_error("The two passphrases differ.")
            return
        self.buttons.setEnabled(False)
        self.banner.show_info("Deriving the key…")
        remember = self.remember.isChecked()
        fn = self.vault.create if self.creating else self.vault.unlock
        call_async(lambda: fn(phrase, remember), self._done, self._failed)

    def _done(self, _result: object) -> None:
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.buttons.setEnabled(True)
        self.banner.show_error(exc)
        self.passphrase.selectAll()
        self.passphrase.setFocus()


class LockScreen(QWidget):
    unlock_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        icon = QLabel()
        icon.setPixmap(resources.icon("lock").pixmap(72, 72))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(icon)
        self.message = QLabel("Your journal is locked")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("font-size: 15pt; font-weight: 600;")
        lay.addWidget(self.message)
        self.detail = muted("Entries are encrypted on disk. Unlock to read and write.")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.detail)
        self.button = QPushButton(resources.icon("unlock"), "Unlock…")
        self.button.setProperty("primary", True)
        self.button.clicked.connect(self.unlock_requested)
        lay.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(2)

    def set_missing(self, missing: bool) -> None:
        self.message.setText("Set up your private journal" if missing
                             else "Your journal is locked")
        self.button.setText("Create passphrase…" if missing else "Unlock…")


class JournalView(View):
    title = "Journal"
    icon_name = "journal"
    topics = ("journal.", "vault.")

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.vault = VaultAccess(app)
        self.dictation: object | None = None  # set by the main window when voice exists
        self.stack = QStackedWidget()
        self.outer.addWidget(self.stack, 1)
        self.lock_screen = LockScreen()
        self.lock_screen.unlock_requested.connect(self.ask_unlock)
        self.stack.addWidget(self.lock_screen)

        page = QSplitter()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search entries")
        self.search.setClearButtonEnabled(True)
        self.mood_filter = QComboBox()
        self.mood_filter.addItem("Any mood", None)
        for m in Mood:
            self.mood_filter.addItem(f"{MOOD_EMOJI[m.value]} {m.value}", m.value)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.mood_filter)
        lv.addLayout(bar)
        self.entries = QListWidget()
        self.entries.setAccessibleName("Journal entries")
        self.entries.currentItemChanged.connect(self._select)
        lv.addWidget(self.entries, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton(resources.icon("add"), "New entry")
        self.new_button.clicked.connect(self.new_entry)
        self.lock_button = QPushButton(resources.icon("lock"), "Lock")
        self.lock_button.clicked.connect(self.guarded(self.lock))
        row.addWidget(self.new_button)
        row.addStretch(1)
        row.addWidget(self.lock_button)
        lv.addLayout(row)
        page.addWidget(left)

        editor = Card()
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Title (optional)")
        self.mood = QComboBox()
        self.mood.addItem("No mood", None)
        for m in Mood:
            self.mood.addItem(f"{MOOD_EMOJI[m.value]} {m.value}", m.value)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("comma separated")
        form.addRow("Title", self.title_edit)
        form.addRow("Mood", self.mood)
        form.addRow("Tags", self.tags)
        editor.body.addLayout(form)
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText("Write, or hold the Dictate button and speak.")
        self.body.setAccessibleName("Entry text")
        editor.body.addWidget(self.body, 1)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("Save")
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self.guarded(self.save))
        self.dictate = QPushButton(resources.icon("mic"), "Hold to dictate")
        self.dictate.setToolTip("Push-to-talk: hold while you speak; the text is added here.")
        self.delete_button = QPushButton(resources.icon("trash"), "Delete")
        self.delete_button.clicked.connect(self.guarded(self.delete))
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.dictate)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        editor.body.addLayout(buttons)
        self.dictation_status = muted()
        editor.body.addWidget(self.dictation_status)
        page.addWidget(editor)
        page.setStretchFactor(0, 2)
        page.setStretchFactor(1, 3)
        self.stack.addWidget(page)
        self.page = page
        self.current: JournalEntry | None = None
        self._locked_seen = False
        self.search.textChanged.connect(self.refresh_now)
        self.mood_filter.currentIndexChanged.connect(self.refresh_now)

    # -- lock state ------------------------------------------------------------------
    def is_locked(self) -> bool:
        return not self.vault.exists() or (not self.vault.is_open() and self._locked_seen)

    def show_locked(self, missing: bool = False) -> None:
        self.lock_screen.set_missing(missing)
        self.stack.setCurrentWidget(self.lock_screen)
        self.lock_button.setEnabled(False)

    def ask_unlock(self) -> None:
        dialog = UnlockDialog(self.vault, create=not self.vault.exists(), parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.mark_stale()

    def lock(self) -> None:
        self.vault.lock()
        self._locked_seen = True
        self.current = None
        self.body.clear()
        self.mark_stale()

    # -- reading ---------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.vault.exists():
            self.show_locked(missing=True)
            return
        try:  # a key remembered on this device unlocks here, without a prompt
            entries = self.app.journal.list(mood=self.mood_filter.currentData())
        except VaultLockedError:
            self._locked_seen = True
            self.show_locked(missing=False)
            return
        self._locked_seen = False
        for note in self.vault.notices():
            self.banner.show_info(note)
        self.stack.setCurrentWidget(self.page)
        self.lock_button.setEnabled(True)
        needle = self.search.text().strip().casefold()
        if needle:
            entries = [e for e in entries if needle in e.body.casefold()
                       or needle in e.title.casefold() or any(needle in t for t in e.tags)]
        keep = self.current.id if self.current else None
        self.entries.blockSignals(True)
        self.entries.clear()
        for e in entries:
            when = e.created_at.astimezone(self.app.clock.tz).strftime("%a %d %b, %H:%M") \
                if e.created_at else ""
            head = e.title or (e.body.splitlines()[0][:50] if e.body else "")
            mood = f"{MOOD_EMOJI[e.mood.value]} " if e.mood else ""
            tags = "  " + " ".join(f"#{t}" for t in e.tags) if e.tags else ""
            item = QListWidgetItem(f"{mood}{head}\n{when}{tags}")
            item.setData(ID, e.id)
            self.entries.addItem(item)
            if e.id == keep:
                self.entries.setCurrentItem(item)
        self.entries.blockSignals(False)
        if not entries:
            hint = QListWidgetItem("No entries match." if needle else "No entries yet.")
            hint.setFlags(Qt.ItemFlag.NoItemFlags)
            self.entries.addItem(hint)

    def _select(self, item: QListWidgetItem | None, _prev: QListWidgetItem | None) -> None:
        entry_id = item.data(ID) if item is not None else None
        if not entry_id:
            return
        try:
            self.show_entry(self.app.journal.get(entry_id))
        except Exception as exc:
            self.banner.show_error(exc)

    def show_entry(self, e: JournalEntry | None) -> None:
        self.current = e
        self.title_edit.setText(e.title if e else "")
        self.body.setPlainText(e.body if e else "")
        self.tags.setText(", ".join(e.tags) if e else "")
        idx = self.mood.findData(e.mood.value if e and e.mood else None)
        self.mood.setCurrentIndex(max(0, idx))
        self.delete_button.setEnabled(e is not None)

    # -- writing ---------------------------------------------------------------------
    def new_entry(self) -> None:
        self.entries.clearSelection()
        self.show_entry(None)
        self.body.setFocus()

    def save(self) -> None:
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        if self.current is None:
            source = "voice" if self.dictation_status.text() else "typed"
            self.current = self.app.journal.add(self.body.toPlainText(),
                                                title=self.title_edit.text(),
                                                mood=self.mood.currentData(), tags=tags,
                                                source=source)
        else:
            self.current = self.app.journal.edit(self.current.id, body=self.body.toPlainText(),
                                                 title=self.title_edit.text(),
                                                 mood=self.mood.currentData(), tags=tags)
        self.banner.show_info("Saved.")

    def delete(self) -> None:
        if self.current is None:
            return
        entry_id = self.app.journal.delete(self.current.id)
        self.show_entry(None)
        self.banner.show_info("Entry deleted.", action="Undo",
                              callback=self.guarded(lambda: self.app.journal.restore(entry_id)))

    def append_dictation(self, text: str) -> None:
        """Called with each finished dictation transcript."""
        if not text.strip():
            return
        cur = self.body.toPlainText()
        sep = "" if not cur or cur.endswith((" ", "\n")) else " "
        self.body.setPlainText(cur + sep + text.strip())
        self.dictation_status.setText("Dictated text added; review and Save.")

    def focus_new_entry(self) -> None:
        self.new_entry()
