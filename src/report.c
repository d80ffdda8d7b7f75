/*
** report.c: the kinds of sakip's documents and their life in a case.
** (The lifecycle, drafts at step completion and seals at paraf and sign
** steps, is being built; for now: the table of kinds.)
*/
#include "report.h"

#include <string.h>

static const ReportKind kinds[] = {
        {"nota-dinas", "Nota Dinas Permintaan Data Kinerja", "data.request", report_nota_dinas},
        {"sk-tim", "Surat Keputusan Tim Penyusunan LKj", "team.form", report_sk_tim},
        {"format-data", "Format Data Kinerja, SK dan Surat Pemberitahuan", "doc.draft",
         report_format_data},
        {"rekap", "Rekapitulasi Data Kinerja", "data.compile", report_recap},
        {"rekap-perbaikan", "Perbaikan Data Kinerja", "data.correct", report_recap},
        {"lkj", "Laporan Kinerja (LKj)", "lkj.draft", report_lkj_case},
};

const ReportKind *report_kinds(int *n)
{
	*n = (int)COUNT(kinds);
	return kinds;
}

const ReportKind *report_kind(const char *kind)
{
	for (size_t i = 0; i < COUNT(kinds); i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return &kinds[i];
	return NULL;
}
