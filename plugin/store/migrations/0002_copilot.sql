-- Copilot depth (issue #4): the open-questions register keeps what an answer was based on, so a
-- later gathering can reopen an answer that new evidence contradicts, and why it was reopened.
ALTER TABLE questions ADD COLUMN answer_basis TEXT NOT NULL DEFAULT '[]';  -- JSON array of evidence content hashes known when answered
ALTER TABLE questions ADD COLUMN note TEXT NOT NULL DEFAULT '';            -- why it was reopened, who added it
