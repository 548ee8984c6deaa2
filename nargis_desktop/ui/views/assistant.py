"""Assistant: the conversation, live partial transcript, streaming reply, action cards, mic."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from nargis_desktop.app import App
from nargis_desktop.ui import resources
from nargis_desktop.ui.conversation import Conversation
from nargis_desktop.ui.views.base import View
from nargis_desktop.ui.widgets.action_card import ActionCard
from nargis_desktop.ui.widgets.common import muted
from nargis_desktop.ui.widgets.level import LevelMeter, MicButton

STATE_LABEL = {"idle": "Idle · mic off", "listening": "Listening", "thinking": "Thinking",
               "speaking": "Speaking"}


class AssistantView(View):
    title = "Assistant"
    icon_name = "assistant"

    def __init__(self, app: App, conversation: Conversation,
                 parent: QWidget | None = None) -> None:
        super().__init__(app, parent)
        self.conv = conversation
        head = QHBoxLayout()
        self.outer.removeWidget(self.heading)
        head.addWidget(self.heading)
        head.addStretch(1)
        self.state_chip = QLabel()
        self.state_chip.setObjectName("StateChip")
        self.state_chip.setAccessibleName("Assistant state")
        head.addWidget(self.state_chip)
        self.outer.insertLayout(0, head)

        body = QHBoxLayout()
        self.outer.addLayout(body, 1)
        left = QVBoxLayout()
        self.log = QTextBrowser()
        self.log.setObjectName("Conversation")
        self.log.setOpenLinks(False)
        self.log.setAccessibleName("Conversation")
        left.addWidget(self.log, 1)
        self.partial = QLabel()
        self.partial.setObjectName("Partial")
        self.partial.setWordWrap(True)
        self.partial.hide()  # only while words are coming in: no empty gap otherwise
        left.addWidget(self.partial)
        typed = QHBoxLayout()
        self.input = QLineEdit()
        self.input.setPlaceholderText("Type a request — “add a task buy milk tomorrow”, "
                                      "“what's due today?” — or hold Space to talk")
        self.input.setAccessibleName("Message to the assistant")
        self.input.returnPressed.connect(self.send_typed)
        self.send_button = QPushButton(resources.icon("send"), "Send")
        self.send_button.clicked.connect(self.send_typed)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setToolTip("Stop the reply (Esc)")
        self.stop_button.setAccessibleName("Stop the reply")
        self.stop_button.clicked.connect(self.stop_reply)
        self.stop_button.hide()
        typed.addWidget(self.input, 1)
        typed.addWidget(self.send_button)
        typed.addWidget(self.stop_button)
        left.addLayout(typed)
        body.addLayout(left, 3)

        right = QVBoxLayout()
        mic_box = QVBoxLayout()
        self.mic = MicButton()
        self.mic.pressed.connect(self._mic_pressed)
        self.mic.released.connect(self._mic_released)
        mic_box.addWidget(self.mic, 0, Qt.AlignmentFlag.AlignHCenter)
        self.meter = LevelMeter()
        self.meter.setFixedWidth(140)
        mic_box.addWidget(self.meter, 0, Qt.AlignmentFlag.AlignHCenter)
        self.mic_hint = muted("Hold the button or Space to talk")
        self.mic_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        mic_box.addWidget(self.mic_hint)
        right.addLayout(mic_box)
        right.addWidget(muted("Actions"))
        self.cards_host = QWidget()
        self.cards = QVBoxLayout(self.cards_host)
        self.cards.setContentsMargins(0, 0, 0, 0)
        self.cards.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.cards_host)
        right.addWidget(scroll, 1)
        body.addLayout(right, 2)

        self._reply_open = False
        conversation.state_changed.connect(self.show_state)
        conversation.user_said.connect(self.add_user)
        conversation.partial.connect(self.show_partial)
        conversation.sentence.connect(self.add_reply_sentence)
        conversation.turn_done.connect(self.finish_turn)
        conversation.level.connect(self._level)
        conversation.failed.connect(self._failed)
        for w in (self.log, self.mic, self.send_button, self.cards_host):
            w.installEventFilter(self)  # Space on these is push-to-talk, not a click/scroll
        self.show_state(conversation.state)
        self.add_system("Hi! Ask me to add tasks, log habits, start a focus session or write "
                        "in your journal.")

    # -- conversation log --------------------------------------------------------------
    def _append(self, who: str, text: str, color: str) -> None:
        self.log.append(f'<p style="margin:6px 0"><span style="color:{color};font-weight:600">'
                        f"{who}</span><br>{html.escape(text)}</p>")

    def add_system(self, text: str) -> None:
        self._append("Nargis", text, "#6a4cf5")

    def add_note(self, text: str) -> None:
        """How a turn was understood ("Heard …, which sounds like …"), small and grey
        under the reply: the words on screen are Whisper's, the action may not be."""
        self.log.append(f'<p style="margin:0 0 6px 0;color:#8a8a99"><small><i>'
                        f"{html.escape(text)}</i></small></p>")

    def show_partial(self, text: str) -> None:
        """The words recognised so far, live while the user is still talking."""
        self.partial.setText(f"“{text}…”" if text else "")
        self.partial.setVisible(bool(text))

    def add_user(self, text: str) -> None:
        self._reply_open = False
        self.show_partial("")
        self._append("You", text, "#2bb3a3")

    def add_reply_sentence(self, sentence: str) -> None:
        """Reply text streams in: the first sentence opens a message, later ones extend it."""
        if not self._reply_open:
            self._reply_open = True
            self._reply = sentence
            self.add_system(sentence)
            return
        self._reply = f"{self._reply} {sentence}"
        cursor = self.log.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        cursor.insertText(" " + sentence)
        self.log.ensureCursorVisible()

    def finish_turn(self, turn: Any) -> None:
        reply = str(getattr(turn, "reply", "") or "")
        if reply and not self._reply_open:
            self.add_system(reply)
        self._reply_open = False
        for note in getattr(turn, "notes", []) or []:
            self.add_note(str(note))
        for record in getattr(turn, "actions", []) or []:
            if getattr(record, "tool", "") == "undo" and getattr(record, "ok", False):
                self._mark_undone(str((getattr(record, "args", None) or {}).get("record")))
            card = ActionCard(record)
            card.undo_requested.connect(self.conv.undo)
            self.cards.insertWidget(0, card)
        self.send_button.setEnabled(True)

    def _mark_undone(self, record_id: str) -> None:
        """A spoken "undo" disables the Undo button of the card it undid."""
        for i in range(self.cards.count()):
            item = self.cards.itemAt(i)
            card = item.widget() if item is not None else None
            if isinstance(card, ActionCard) and getattr(card.record, "id", None) == record_id:
                card.mark_undone()

    # -- input -------------------------------------------------------------------------
    def send_typed(self) -> None:
        text = self.input.text()
        if text.strip() and self.conv.send_text(text) is not None:
            self.input.clear()

    def _mic_pressed(self) -> None:
        if self.app.settings.ui.ptt_mode == "toggle":
            self.conv.toggle_listening()
        else:
            self.conv.start_listening()

    def _mic_released(self) -> None:
        if self.app.settings.ui.ptt_mode == "hold":
            self.conv.stop_listening()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Space held (outside the text field) is push-to-talk."""
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and \
                isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Space:
            if event.isAutoRepeat():
                return True
            if event.type() == QEvent.Type.KeyPress:
                self._mic_pressed()
            else:
                self._mic_released()
            return True
        return super().eventFilter(obj, event)

    def stop_reply(self) -> None:
        """Esc or the Stop button: drop a running utterance, or silence the reply."""
        if self.conv.state == "listening":
            self.conv.cancel_listening()
        else:
            self.conv.interrupt()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.stop_reply()
            return
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._mic_pressed()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._mic_released()
            return
        super().keyReleaseEvent(event)

    # -- state -------------------------------------------------------------------------
    def show_state(self, state: str) -> None:
        self.state_chip.setText(STATE_LABEL.get(state, state))
        self.state_chip.setProperty("state", state)
        self.state_chip.style().unpolish(self.state_chip)
        self.state_chip.style().polish(self.state_chip)
        self.mic.set_active(state == "listening")
        self.stop_button.setVisible(state in ("thinking", "speaking"))
        if state != "listening":
            self.meter.set_level(0.0)

    def _level(self, level: float) -> None:
        self.meter.set_level(level)
        self.mic.set_level(level)

    def _failed(self, exc: object) -> None:
        if isinstance(exc, BaseException):
            self.banner.show_error(exc)
        else:
            self.banner.show_error(str(exc))
