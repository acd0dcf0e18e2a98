#include "plugin/core/case.h"
