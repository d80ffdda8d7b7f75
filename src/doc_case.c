/*
** doc_case.c: the documents of a case: Nota Dinas / surat permintaan data,
** SK Tim, the format of seed 003, the recap of a collection or a correction.
** (Being built.)
*/
#include "report.h"

static int not_yet(Buf *err, const char *what)
{
	buf_printf(err, "%s: not rendered yet\n", what);
	return -1;
}

int report_nota_dinas(Wf *wf, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err)
{
	(void)wf, (void)case_id, (void)seal, (void)pdf;
	return not_yet(err, "nota dinas");
}

int report_sk_tim(Wf *wf, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err)
{
	(void)wf, (void)case_id, (void)seal, (void)pdf;
	return not_yet(err, "SK tim");
}

int report_format_data(Wf *wf, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err)
{
	(void)wf, (void)case_id, (void)seal, (void)pdf;
	return not_yet(err, "format data");
}

int report_recap(Wf *wf, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err)
{
	(void)wf, (void)case_id, (void)seal, (void)pdf;
	return not_yet(err, "recap");
}
