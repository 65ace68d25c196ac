"""Digital signatures (chữ ký số): sign PDFs as PAdES and verify them.

Signers are PKCS#12 files or PKCS#11 tokens configured per agency or per person
(`models.SignerConfig`); the approver's approval signs the dossier's result
(`results.sign_result_for_approval`, called by `dossiers.lifecycle.approve`); anyone can
check a PDF on the public page `/verify/` or with `motcua verify FILE.pdf`.
"""
