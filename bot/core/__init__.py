"""The core: pure Python, no Discord and no click. A question passes through its stages
in one direction: data (file to database), names (text to ids), answers (ids to facts),
ask (question text to a command call) and render (facts to words and pictures), over
the shared leaves models, dates and text. A stage imports only the stages before it."""
