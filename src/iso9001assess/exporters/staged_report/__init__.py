"""The staged progress report as documents: laid out once (``view``), drawn as PDF (``pdf``) and Word
(``word``, the ``docx`` extra). The ``progress`` command reaches them through ``staged.outputs``."""
